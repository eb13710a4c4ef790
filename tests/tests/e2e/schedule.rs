//! Issue 8's story in the real app, on the demo practice (four physicians and a nurse with
//! generated appointments): the front desk books a visit entirely by keyboard, a conflicting
//! booking is refused with the reason shown, a drag moves a booking to another provider, a
//! weekly series edited "this and following" keeps the earlier occurrences, check-in puts the
//! patient on the flow board, and the physician starts the visit from it.
//!
//! The desk registers the patient from the booking form. The bookings go on a Tuesday twelve weeks ahead (past the generated eight weeks, so the day
//! is empty) and, for the flow board, on the practice's today.

use super::{click, log_in, log_out, ENTER, ESCAPE};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::actions::{
    InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use charta_tests::fantoccini::elements::Element;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{
    save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text, Driver,
};
use chrono::{Datelike, Duration as Days, NaiveDate, Utc, Weekday};
use std::time::{Duration, Instant};

const ALT: &str = "\u{E00A}";
const DOWN: &str = "\u{E015}";
const RIGHT: &str = "\u{E014}";
const HOME: &str = "\u{E011}";
const BACKSPACE: &str = "\u{E003}";
const TAB: &str = "\u{E004}";
/// The patient the desk registers from the booking form.
const FAMILY: &str = "Quenneville";

/// The demo practice's zone.
fn practice_today() -> NaiveDate {
    let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap_or(chrono_tz::UTC);
    Utc::now().with_timezone(&zone).date_naive()
}

/// A Tuesday about twelve weeks ahead: no generated appointments, a normal working day.
fn empty_tuesday() -> NaiveDate {
    let mut d = practice_today() + Days::days(84);
    while d.weekday() != Weekday::Tue {
        d += Days::days(1);
    }
    d
}

/// Sends keys to whatever has focus, as a person at the keyboard does.
async fn press(client: &Client, keys: &str) -> Result<(), String> {
    client
        .active_element()
        .await
        .map_err(|e| format!("no focused element: {e}"))?
        .send_keys(keys)
        .await
        .map_err(|e| format!("pressing {keys:?}: {e}"))
}

/// Scrolls into view, clears and types (WebKitWebDriver refuses to clear below the fold).
async fn attr(el: &Element, name: &str) -> Result<String, String> {
    Ok(el
        .attr(name)
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default())
}

/// An appointment as the calendar shows it, read in one script (the calendar redraws on every
/// reload, so element handles go stale).
#[derive(Debug, Clone)]
struct Shown {
    id: String,
    provider: String,
    text: String,
}

/// That the appointment is drawn inside one provider's column (a calendar style once let an
/// event stretch from its column to the grid's right edge).
async fn drawn_in_its_column(client: &Client, id: &str) -> Result<(), String> {
    let found = client
        .execute(
            "const a = document.querySelector(`[data-appointment-id=\"${arguments[0]}\"]`);
             const box = a && a.closest('.ec-event');
             if (!box) return 'not drawn';
             const r = box.getBoundingClientRect();
             const days = [...document.querySelectorAll('.ec-body .ec-grid > .ec-day')].map((d) => d.getBoundingClientRect());
             const column = days.find((d) => r.left >= d.left - 1 && r.left < d.right);
             if (!column) return `at x=${r.left}, in no column`;
             return r.right <= column.right + 1 ? '' : `${Math.round(r.width)} px wide in a ${Math.round(column.width)} px column`;",
            vec![serde_json::Value::String(id.into())],
        )
        .await
        .map_err(|e| e.to_string())?;
    match found.as_str() {
        Some("") => Ok(()),
        other => Err(format!(
            "appointment {id} is not drawn in its column: {other:?}"
        )),
    }
}

/// The appointments on the calendar whose text contains `text`.
async fn appointments_with(client: &Client, text: &str) -> Result<Vec<Shown>, String> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"appointment\"]')]
               .filter((e) => e.textContent.includes(arguments[0]))
               .map((e) => [e.dataset.appointmentId || '', e.dataset.providerId || '', e.textContent]);",
            vec![serde_json::Value::String(text.into())],
        )
        .await
        .map_err(|e| e.to_string())?;
    let rows = found.as_array().cloned().unwrap_or_default();
    Ok(rows
        .iter()
        .map(|r| {
            let part = |i: usize| r.get(i).and_then(|v| v.as_str()).unwrap_or("").to_string();
            Shown {
                id: part(0),
                provider: part(1),
                text: part(2),
            }
        })
        .collect())
}

/// Waits until exactly `n` appointments on the calendar contain `text`.
async fn wait_for_appointments(
    client: &Client,
    text: &str,
    n: usize,
) -> Result<Vec<Shown>, String> {
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let found = appointments_with(client, text).await?;
        if found.len() == n {
            return Ok(found);
        }
        if Instant::now() > deadline {
            return Err(format!(
                "{} appointments with {text:?} on the calendar, not {n}",
                found.len()
            ));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Clicks `css`, again if the element was redrawn between finding and clicking it.
async fn click_redrawn(client: &Client, css: &str) -> Result<(), String> {
    let mut last = String::new();
    for _ in 0..10 {
        match click(client, css).await {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err(last)
}

/// The appointment id of the flow-board row (with `status`, if given) that names `who`.
async fn flow_row_of(client: &Client, who: &str, status: Option<&str>) -> Result<String, String> {
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let id = client
            .execute(
                "const row = [...document.querySelectorAll('[data-testid=\"flow-row\"]')]
                   .find((r) => r.textContent.includes(arguments[0])
                     && (!arguments[1] || r.dataset.status === arguments[1]));
                 return row ? row.dataset.appointmentId : null;",
                vec![
                    serde_json::Value::String(who.into()),
                    status.map_or(serde_json::Value::Null, |s| {
                        serde_json::Value::String(s.into())
                    }),
                ],
            )
            .await
            .map_err(|e| e.to_string())?;
        if let Some(id) = id.as_str() {
            return Ok(id.to_string());
        }
        if Instant::now() > deadline {
            return Err(format!("no flow-board row for {who} ({status:?})"));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Jumps the calendar to `date` by keyboard: G, the date, Enter; returns once that day is
/// drawn (the calendar keeps the day before on screen until the new day's answer comes).
async fn go_to(client: &Client, date: NaiveDate) -> Result<(), String> {
    type_into(client, &testid("schedule-goto"), &format!("{date}{ENTER}")).await?;
    wait_for_text(
        client,
        &testid("schedule-date"),
        &date.format("%-d %B %Y").to_string(),
    )
    .await?;
    wait_for(
        client,
        &format!("[data-testid=\"schedule-grid\"][data-loaded-date=\"{date}\"]"),
    )
    .await
    .map(|_| ())
}

/// Picks the option whose text contains `label` in the select `css`.
async fn choose_labelled(client: &Client, css: &str, label: &str) -> Result<(), String> {
    wait_for(client, css).await?;
    for option in client
        .find_all(Locator::Css(&format!("{css} option")))
        .await
        .map_err(|e| e.to_string())?
    {
        if option.text().await.unwrap_or_default().contains(label) {
            return option.click().await.map_err(|e| e.to_string());
        }
    }
    Err(format!("{css} offers no {label:?}"))
}

/// The desk registers Quenneville from the booking form and books her at 09:00 with the first provider,
/// entirely by keyboard: Alt+S, the date, Home, ↓×4, Enter, the patient, Enter, the reason,
/// Enter.
async fn desk_books_by_keyboard(
    client: &Client,
    checks: &ScreenChecks,
    day: NaiveDate,
) -> Result<(), String> {
    log_in(client, "desk", DEMO_PASSWORD).await?;
    press(client, &format!("{ALT}s{ALT}")).await?;
    wait_for(client, &testid("schedule")).await?;
    go_to(client, day).await?;
    checks.axe(client, "schedule (day)").await?;
    // Back on the grid: the first open slot (08:00), then four slots down.
    press(client, HOME).await?;
    let cursor = wait_for(client, &testid("focused-slot")).await?;
    let first = attr(&cursor, "data-starts-at").await?;
    press(client, &DOWN.repeat(4)).await?;
    let cursor = wait_for(client, &testid("focused-slot")).await?;
    let at = attr(&cursor, "data-starts-at").await?;
    if at == first {
        return Err(format!("↓ did not move the cursor from {first}"));
    }
    press(client, ENTER).await?;
    wait_for(client, &testid("booking-form")).await?;
    // Focus is in the patient box; the same one-box search as the header. Nobody is called
    // Quenneville (sound-alikes may be listed), so ↓ past the results reaches "New patient"
    // and Enter opens the quick registration.
    press(client, FAMILY).await?;
    wait_for(
        client,
        &format!(
            "{}, {}",
            testid("booking-patient-new-option"),
            testid("booking-patient-none")
        ),
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let hits = client
        .find_all(Locator::Css(&testid("booking-patient-option")))
        .await
        .map_err(|e| e.to_string())?
        .len();
    press(client, &format!("{}{ENTER}", DOWN.repeat(hits.max(1)))).await?;
    wait_for(client, &testid("booking-quick-register")).await?;
    type_into(client, &testid("qr-given"), "Ada").await?;
    type_into(client, &testid("qr-dob"), "1984-05-17").await?;
    wait_for(client, &testid("qr-sex"))
        .await?
        .send_keys("f")
        .await
        .map_err(|e| e.to_string())?;
    type_into(
        client,
        &testid("qr-phone"),
        &format!("(555) 301-4455{ENTER}"),
    )
    .await?;
    wait_for_text(client, &testid("booking-patient-chosen"), FAMILY).await?;
    type_into(client, &testid("booking-reason"), "Knee pain").await?;
    checks.axe(client, "booking form").await?;
    press(client, ENTER).await?;
    let booked = wait_for_appointments(client, "Quenneville", 1).await?;
    let text = booked[0].text.clone();
    if !text.contains("09:00") {
        return Err(format!("the booking shows {text:?}, not 09:00"));
    }
    drawn_in_its_column(client, &booked[0].id).await?;
    save_screenshot(client, "schedule-day").await;
    Ok(())
}

/// A second patient at the same time with the same provider: the form lists what it collides
/// with, and a save without an overbook reason is refused.
async fn conflicting_booking_is_refused(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    let booked = wait_for_appointments(client, "Quenneville", 1).await?;
    let provider = booked[0].provider.clone();
    // Below the (30-minute new-patient) booking, then the time typed back to 09:00.
    press(client, &format!("{DOWN}{DOWN}{ENTER}")).await?;
    wait_for(client, &testid("booking-form")).await?;
    type_into(client, &testid("booking-patient"), "smith").await?;
    wait_for(client, &testid("booking-patient-option")).await?;
    press(client, ENTER).await?;
    wait_for(client, &testid("booking-patient-chosen")).await?;
    let chosen_provider = wait_for(client, &testid("booking-provider"))
        .await?
        .prop("value")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    if chosen_provider != provider {
        return Err(format!(
            "the form booked for {chosen_provider}, not the slot's {provider}"
        ));
    }
    type_into(client, &testid("booking-time"), "09:00").await?;
    wait_for_text(client, &testid("booking-collision"), "Quenneville").await?;
    click(client, &testid("booking-save")).await?;
    wait_for_text(
        client,
        &testid("booking-form"),
        "Say why you book over this",
    )
    .await?;
    checks.axe(client, "booking form (collision)").await?;
    save_screenshot(client, "booking-collision").await;
    // Nothing was booked.
    wait_for_appointments(client, "Quenneville", 1).await?;
    click(client, &testid("booking-close")).await?;
    Ok(())
}

/// Drags `from` to the same height in the column of `to_provider`.
async fn drag_to_provider(
    client: &Client,
    appointment: &str,
    to_provider: &str,
) -> Result<(), String> {
    let target = client
        .execute(
            "const el = document.querySelector(`[data-testid=appointment][data-appointment-id=\"${arguments[0]}\"]`);
             if (!el) return null;
             const a = el.getBoundingClientRect();
             const col = document.querySelector(`[data-testid=schedule-column][data-provider-id=\"${arguments[1]}\"]`);
             if (!col) return null;
             const c = col.getBoundingClientRect();
             return [a.left + 8, a.top + 6, c.left + c.width / 2, a.top + 6];",
            vec![
                serde_json::Value::String(appointment.into()),
                serde_json::Value::String(to_provider.into()),
            ],
        )
        .await
        .map_err(|e| e.to_string())?;
    let xy: Vec<f64> = target
        .as_array()
        .ok_or("no column for the provider")?
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    let [x0, y0, x1, y1] = xy[..] else {
        return Err(format!("bad drag coordinates {target}"));
    };
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x: x0,
            y: y0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .pause(Duration::from_millis(150));
    // Several small moves: the calendar starts a drag after a few pixels and follows the pointer.
    let steps = 8;
    for i in 1..=steps {
        let f = f64::from(i) / f64::from(steps);
        mouse = mouse.then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(40)),
            x: x0 + (x1 - x0) * f,
            y: y0 + (y1 - y0) * f,
        });
    }
    let mouse = mouse
        .pause(Duration::from_millis(150))
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client
        .perform_actions(mouse)
        .await
        .map_err(|e| format!("drag: {e}"))
}

/// A drag moves Quenneville's booking into the next provider's column.
async fn drag_moves_to_another_provider(client: &Client) -> Result<(), String> {
    let booked = wait_for_appointments(client, "Quenneville", 1).await?;
    let from = booked[0].provider.clone();
    let columns = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"schedule-column\"]')].map((c) => c.dataset.providerId || '');",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let other = columns
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .find(|id| !id.is_empty() && *id != from)
        .ok_or("only one provider column")?
        .to_string();
    drag_to_provider(client, &booked[0].id, &other).await?;
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let now = wait_for_appointments(client, "Quenneville", 1).await?;
        if now[0].provider == other {
            drawn_in_its_column(client, &now[0].id).await?;
            break;
        }
        if Instant::now() > deadline {
            return Err("the drag did not move the booking to the other provider".into());
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    save_screenshot(client, "schedule-dragged").await;
    Ok(())
}

/// A weekly series of four at 14:00; the third moved to 15:00 "this and following" leaves the
/// first two at 14:00 and moves the last two.
async fn series_this_and_following(
    client: &Client,
    checks: &ScreenChecks,
    day: NaiveDate,
) -> Result<(), String> {
    go_to(client, day).await?;
    press(client, HOME).await?;
    press(client, &format!("{RIGHT}{RIGHT}")).await?;
    press(client, &DOWN.repeat(8)).await?;
    press(client, ENTER).await?;
    wait_for(client, &testid("booking-form")).await?;
    press(client, "garcia").await?;
    wait_for(client, &testid("booking-patient-option")).await?;
    press(client, ENTER).await?;
    // The calendar shows "14:00 Family, Given — type": the series is found by the patient.
    let chosen = wait_for(client, &testid("booking-patient-chosen"))
        .await?
        .prop("textContent")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let who = chosen.split('·').next().unwrap_or("").trim().to_string();
    if !who.contains(',') {
        return Err(format!("the chosen patient reads {chosen:?}"));
    }
    type_into(client, &testid("booking-time"), "14:00").await?;
    type_into(client, &testid("booking-reason"), "Weekly dressing change").await?;
    choose_labelled(client, &testid("repeat-frequency"), "Weekly").await?;
    type_into(client, &testid("repeat-count"), "4").await?;
    wait_for_text(client, &testid("repeat-summary"), "4").await?;
    checks.axe(client, "booking form (repeat)").await?;
    // The first Enter shows the four dates and what they run into; the second books them.
    click(client, &testid("booking-save")).await?;
    wait_for_text(client, &testid("booking-save"), "Book 4").await?;
    click(client, &testid("booking-save")).await?;
    wait_for_appointments(client, &who, 1).await?;
    let third = day + Days::days(14);
    go_to(client, third).await?;
    let occurrence = wait_for_appointments(client, &who, 1).await?;
    click_redrawn(
        client,
        &format!(
            "[data-testid=\"appointment\"][data-appointment-id=\"{}\"]",
            occurrence[0].id
        ),
    )
    .await?;
    wait_for(client, &testid("booking-form")).await?;
    type_into(client, &testid("booking-time"), "15:00").await?;
    click(client, &testid("booking-save")).await?;
    wait_for(client, &testid("scope-following")).await?;
    checks.axe(client, "series scope").await?;
    click(client, &testid("scope-following")).await?;
    for (date, time) in [
        (day, "14:00"),
        (day + Days::days(7), "14:00"),
        (third, "15:00"),
        (day + Days::days(21), "15:00"),
    ] {
        go_to(client, date).await?;
        let found = wait_for_appointments(client, &who, 1).await?;
        let text = found[0].text.clone();
        if !text.contains(time) {
            return Err(format!("on {date} the series shows {text:?}, not {time}"));
        }
    }
    Ok(())
}

/// A walk-in for Quenneville today (overbooked if the day is full), checked in from the flow
/// board: the board shows them arrived and waiting.
async fn check_in_puts_on_flow_board(
    client: &Client,
    checks: &ScreenChecks,
    day: NaiveDate,
) -> Result<(), String> {
    // From an empty slot of the empty day, the date and time typed to today 07:30 — before
    // opening, so always free of other bookings and always outside the hours: the desk
    // overbooks with a reason.
    go_to(client, day).await?;
    press(client, &format!("{HOME}{ENTER}")).await?;
    wait_for(client, &testid("booking-form")).await?;
    press(client, "quenneville").await?;
    wait_for(client, &testid("booking-patient-option")).await?;
    press(client, ENTER).await?;
    wait_for(client, &testid("booking-patient-chosen")).await?;
    type_into(
        client,
        &testid("booking-date"),
        &practice_today().to_string(),
    )
    .await?;
    type_into(client, &testid("booking-time"), "07:30").await?;
    type_into(client, &testid("booking-reason"), "Walk-in: sore throat").await?;
    wait_for_text(client, &testid("booking-collision"), "outside").await?;
    type_into(
        client,
        &testid("booking-overbook-reason"),
        "Walk-in before clinic",
    )
    .await?;
    click(client, &testid("booking-save")).await?;
    wait_for_appointments(client, FAMILY, 1).await?;
    press(client, &format!("{ALT}f{ALT}")).await?;
    wait_for(client, &testid("flow-board")).await?;
    let id = flow_row_of(client, FAMILY, None).await?;
    click_redrawn(
        client,
        &format!("[data-testid=\"flow-row\"][data-appointment-id=\"{id}\"] [data-testid=\"status-arrived\"]"),
    )
    .await?;
    flow_row_of(client, FAMILY, Some("arrived")).await?;
    checks.axe(client, "flow board").await?;
    save_screenshot(client, "flow-board").await;
    Ok(())
}

/// The physician opens the flow board and starts the visit of the arrived patient: the chart
/// opens on that visit's editor.
async fn physician_starts_visit(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    press(client, &format!("{ALT}f{ALT}")).await?;
    let id = flow_row_of(client, FAMILY, Some("arrived")).await?;
    click_redrawn(
        client,
        &format!("[data-testid=\"flow-row\"][data-appointment-id=\"{id}\"] [data-testid=\"start-visit\"]"),
    )
    .await?;
    wait_for_text(client, &testid("patient-banner"), "QUENNEVILLE").await?;
    wait_for(client, &testid("note-subjective")).await?;
    checks.axe(client, "visit from the flow board").await?;
    save_screenshot(client, "visit-from-flow").await;
    let _ = (BACKSPACE, TAB, ESCAPE);
    Ok(())
}

/// The whole story in one app run on the demo practice the chart story used.
pub async fn schedule_story(
    driver: &Driver,
    db: &str,
    checks: &ScreenChecks,
) -> Result<(), String> {
    let day = empty_tuesday();
    super::with_app(driver, &["--db", db], "schedule", async |client| {
        desk_books_by_keyboard(client, checks, day).await?;
        conflicting_booking_is_refused(client, checks).await?;
        drag_moves_to_another_provider(client).await?;
        series_this_and_following(client, checks, day).await?;
        check_in_puts_on_flow_board(client, checks, day).await?;
        log_out(client, checks).await?;
        physician_starts_visit(client, checks).await
    })
    .await
}
