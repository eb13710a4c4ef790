//! Issue 11's phone-note story in the real app, on the demo practice: the front desk takes a
//! call from Walter Ibsen and sends an urgent phone note to any physician; Dr Reyes logs in
//! and sees the quiet badge, opens the note (caller and call-back number), opens his chart
//! from it, comes back, replies and marks it done; the badge goes.

use super::{click, log_in, log_out, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{
    save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text, Driver,
};

const SUBJECT: &str = "Asks about his glucose result";
const CALLBACK: &str = "(555) 301-4455";
const CTRL_ENTER: &str = "\u{E009}\u{E007}\u{E000}";

async fn desk_takes_the_call(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "desk", DEMO_PASSWORD).await?;
    click(client, &testid("nav-messages")).await?;
    wait_for(client, &testid("message-inbox")).await?;
    click(client, &testid("message-new")).await?;
    wait_for(client, &testid("new-message")).await?;
    type_into(client, &testid("booking-patient"), "ibsen walter").await?;
    wait_for(client, &testid("booking-patient-option")).await?;
    wait_for(client, &testid("booking-patient"))
        .await?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("booking-patient-chosen"), "Ibsen").await?;
    type_into(client, &testid("message-caller"), "Walter Ibsen (patient)").await?;
    type_into(client, &testid("message-callback"), CALLBACK).await?;
    type_into(
        client,
        &testid("message-body"),
        "Wants to know whether to fast again.",
    )
    .await?;
    click(client, &testid("message-urgent")).await?;
    checks.axe(client, "new phone note").await?;
    type_into(client, &testid("message-subject"), SUBJECT).await?;
    wait_for(client, &testid("message-subject"))
        .await?
        .send_keys(CTRL_ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("inbox-notice"), "Sent").await?;
    log_out(client, checks).await
}

async fn the_thread(client: &Client) -> Result<(), String> {
    wait_for_text(client, &testid("inbox-thread"), SUBJECT).await?;
    let rows = client
        .find_all(Locator::Css(&testid("inbox-thread")))
        .await
        .map_err(|e| e.to_string())?;
    for row in rows {
        if row
            .text()
            .await
            .map_err(|e| e.to_string())?
            .contains(SUBJECT)
        {
            return row.click().await.map_err(|e| e.to_string());
        }
    }
    Err(format!("no thread says {SUBJECT:?}"))
}

async fn physician_answers(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    wait_for_text(client, &testid("inbox-badge"), "1 urgent").await?;
    save_screenshot(client, "inbox-badge").await;
    click(client, &testid("nav-messages")).await?;
    the_thread(client).await?;
    wait_for_text(client, &testid("thread-caller"), CALLBACK).await?;
    checks.axe(client, "message inbox").await?;
    save_screenshot(client, "message-thread").await;
    click(client, &testid("thread-open-chart")).await?;
    let banner = wait_for(client, &testid("patient-banner")).await?;
    let text = banner.text().await.map_err(|e| e.to_string())?;
    if !text.to_lowercase().contains("ibsen") {
        return Err(format!(
            "the chart opened from the note is not Ibsen's: {text:?}"
        ));
    }
    click(client, &testid("nav-messages")).await?;
    the_thread(client).await?;
    type_into(
        client,
        &testid("thread-reply"),
        "No need to fast; I will call him today.",
    )
    .await?;
    click(client, &testid("thread-send-reply")).await?;
    wait_for_text(client, &testid("thread-message"), "I will call him today").await?;
    click(client, &testid("thread-done")).await?;
    wait_for_text(client, &testid("thread-history"), "Marked done").await?;
    let deadline = std::time::Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let badges = client
            .find_all(Locator::Css(&testid("inbox-badge")))
            .await
            .map_err(|e| e.to_string())?;
        let mut urgent = false;
        for b in badges {
            urgent |= b
                .text()
                .await
                .map_err(|e| e.to_string())?
                .contains("urgent");
        }
        if !urgent {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err("the urgent badge stayed after the note was read and done".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    log_out(client, checks).await
}

/// The phone note, then (same window) the scanned document.
pub async fn messages_story(
    driver: &Driver,
    db: &str,
    dir: &std::path::Path,
    checks: &ScreenChecks,
) -> Result<(), String> {
    super::with_app(driver, &["--db", db], "messages", async |client| {
        desk_takes_the_call(client, checks).await?;
        physician_answers(client, checks).await?;
        super::documents::documents_part(client, checks, dir).await
    })
    .await?;
    super::documents::referral_pdf_holds_the_chart(db)
}
