//! Issue 11's documents and letters story in the real app, on the demo practice: the front
//! desk files a scanned specialist report in Walter Ibsen's chart with a review task for any
//! physician (its own content it may not open); Dr Reyes opens it from the chart's Documents
//! tab and sees its page drawn, then writes a referral letter filled from his chart, signs it
//! (Ctrl+Enter), sees the printable sheet and its PDF copy drawn; the copy kept in the chart,
//! read back through charta-core, holds his problems and medications.

use super::{click, log_in, log_out, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::Client;
use charta_tests::{save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text};
use std::path::Path;

const TITLE: &str = "Cardiology consult Dr Lee";

/// A one-page PDF (US letter) with two lines of Helvetica, its cross-reference table exact.
pub fn scanned_pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 20 Tf 72 700 Td 26 TL\n");
    for line in lines {
        text.push_str(&format!("({line}) Tj T*\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).into_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

async fn open_ibsen(client: &Client) -> Result<(), String> {
    type_into(client, &testid("patient-search"), "ibsen walter").await?;
    wait_for_text(client, &testid("search-result"), "IBSEN").await?;
    wait_for(client, &testid("patient-search"))
        .await?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("patient-banner"), "IBSEN").await?;
    click(client, &testid("tab-documents")).await?;
    wait_for(client, &testid("documents")).await.map(drop)
}

async fn desk_files_the_scan(
    client: &Client,
    checks: &ScreenChecks,
    file: &Path,
) -> Result<(), String> {
    log_in(client, "desk", DEMO_PASSWORD).await?;
    open_ibsen(client).await?;
    click(client, &testid("document-new")).await?;
    wait_for(client, &testid("file-document")).await?;
    // WebDriver hands the file to the picker as a path typed into it.
    wait_for(client, &testid("document-file"))
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|e| format!("choosing the file: {e}"))?;
    let category = wait_for(client, &testid("document-category")).await?;
    category
        .select_by_value("specialistReport")
        .await
        .map_err(|e| e.to_string())?;
    let title = wait_for(client, &testid("document-title")).await?;
    title.clear().await.map_err(|e| e.to_string())?;
    type_into(client, &testid("document-title"), TITLE).await?;
    click(client, &testid("document-with-task")).await?;
    type_into(
        client,
        &testid("document-task-note"),
        "Echo report from cardiology.",
    )
    .await?;
    checks.axe(client, "file a document").await?;
    click(client, &testid("document-submit")).await?;
    wait_for_text(client, &testid("document-notice"), "sent the review task").await?;
    wait_for_text(client, &testid("documents-list"), "(for clinical staff)").await?;
    log_out(client, checks).await
}

async fn physician_views_it(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    wait_for_text(client, &testid("inbox-badge"), "new").await?;
    open_ibsen(client).await?;
    wait_for_text(client, &testid("documents-list"), TITLE).await?;
    click(client, &testid("document-open")).await?;
    wait_for(client, &testid("document-viewer")).await?;
    // Every page drawn, and the first one holds ink (not a blank canvas).
    let deadline = std::time::Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let ink = client
            .execute(
                "const c = document.querySelector('[data-testid=\"document-page\"]');
                 const p = document.querySelector('[data-testid=\"document-pages\"]');
                 if (!c || !p || p.dataset.drawn !== '1' || c.width === 0) return -1;
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let dark = 0;
                 for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) dark++;
                 return dark;",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        let dark = ink.as_i64().unwrap_or(-1);
        if dark > 200 {
            break;
        }
        if std::time::Instant::now() > deadline {
            let error = client
                .execute(
                    "return document.querySelector('[data-testid=\"document-error\"]')?.textContent ?? ''",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            return Err(format!(
                "the PDF page was not drawn (dark pixels {dark}; {error})"
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    checks.axe(client, "document viewer").await?;
    save_screenshot(client, "document-viewer").await;
    click(client, &testid("document-zoom-in")).await?;
    wait_for_text(client, &testid("document-zoom"), "%").await?;
    click(client, &testid("document-close")).await?;
    writes_the_referral(client, checks).await?;
    log_out(client, checks).await
}

const CTRL_ENTER: &str = "\u{E009}\u{E007}\u{E000}";
const REFERRAL_TEMPLATE: &str = "00000000-0000-4000-8000-00000000a001";

/// Essential hypertension on Walter Ibsen's problem list (the demo gives him none), so the
/// referral has a problem to carry.
async fn adds_hypertension(client: &Client) -> Result<(), String> {
    click(client, &testid("tab-problems")).await?;
    click(client, &testid("add-problem")).await?;
    type_into(
        client,
        &testid("problem-code-search"),
        "essential hypertension",
    )
    .await?;
    wait_for_text(client, &testid("diagnosis-result"), "I10").await?;
    wait_for(client, &testid("problem-code-search"))
        .await?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("problem-code"), "I10").await?;
    click(client, &testid("save-problem")).await?;
    wait_for_text(client, &testid("problem-group-active"), "I10").await?;
    click(client, &testid("tab-documents")).await?;
    wait_for(client, &testid("letters")).await.map(drop)
}

async fn writes_the_referral(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    adds_hypertension(client).await?;
    click(client, &testid("letter-new")).await?;
    wait_for(client, &testid("letter-form")).await?;
    wait_for(
        client,
        &format!(
            "{} option[value=\"{REFERRAL_TEMPLATE}\"]",
            testid("letter-template")
        ),
    )
    .await?;
    wait_for(client, &testid("letter-template"))
        .await?
        .select_by_value(REFERRAL_TEMPLATE)
        .await
        .map_err(|e| e.to_string())?;
    type_into(client, &testid("letter-specialty"), "Cardiology").await?;
    type_into(
        client,
        &testid("letter-recipient"),
        "Dr Kim Lee, Cardiology",
    )
    .await?;
    type_into(
        client,
        &testid("letter-reason"),
        "exertional chest tightness",
    )
    .await?;
    click(client, &testid("letter-fill")).await?;
    wait_for(client, &testid("letter-body")).await?;
    let body = client
        .execute(
            "return document.querySelector('[data-testid=\"letter-body\"]').value",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let body = body.as_str().unwrap_or_default().to_string();
    for expect in [
        "Active problems:",
        "hypertension (I10)",
        "Current medications:",
        "Ibuprofen 400 MG",
        "exertional chest tightness",
    ] {
        if !body.contains(expect) {
            return Err(format!("the drafted referral lacks {expect:?}: {body}"));
        }
    }
    checks.axe(client, "write a letter").await?;
    wait_for(client, &testid("letter-body"))
        .await?
        .send_keys(CTRL_ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("letter-notice"), "PDF copy is kept").await?;
    wait_for_text(client, &testid("letter-sheet"), "Dr Kim Lee, Cardiology").await?;
    wait_for_text(client, &testid("referral-status"), "Sent").await?;
    save_screenshot(client, "letter-sheet").await;
    click(client, &testid("letter-pdf-open")).await?;
    wait_for_text(client, &testid("document-pages"), "1 page").await?;
    checks.axe(client, "letters and referrals").await?;
    click(client, &testid("document-close")).await
}

/// The signed referral's PDF copy, read through charta-core as the physician: it names the
/// specialist and holds every active problem and medication of Walter Ibsen's chart.
pub fn referral_pdf_holds_the_chart(db: &str) -> Result<(), String> {
    use charta_core::workstation::Workstation;
    let now = chrono::Utc::now();
    let mut ws = Workstation::log_in(Path::new(db), "drreyes", DEMO_PASSWORD, now)
        .map_err(|e| format!("log in to read the letter: {e}"))?;
    let (pdf, problems, medications) = ws
        .run(now, |u| {
            let page = u.search_patients(
                &charta_core::patient::SearchRequest::new("ibsen walter"),
                now,
            )?;
            let patient = page.hits.first().map(|h| h.patient.id).ok_or_else(|| {
                charta_core::CoreError::invalid("patient", "Walter Ibsen not found")
            })?;
            let letters = u.patient_letters(patient, now)?;
            let letter = letters
                .first()
                .ok_or_else(|| charta_core::CoreError::invalid("letter", "no letter kept"))?;
            let problems: Vec<String> = u
                .problems(patient, now)?
                .into_iter()
                .filter(|p| {
                    p.entered_in_error.is_none()
                        && p.status == charta_core::chart::problems::ProblemStatus::Active
                })
                .map(|p| p.description)
                .collect();
            let medications: Vec<String> = u
                .medication_list(patient, now)?
                .active
                .into_iter()
                .map(|m| m.name)
                .collect();
            Ok((u.letter_pdf(letter.id, now)?, problems, medications))
        })
        .map_err(|e| format!("reading the letter: {e}"))?;
    let flat = pdf_text(&pdf)?;
    if medications.is_empty() || problems.is_empty() {
        return Err(format!(
            "Walter Ibsen should have a problem and a medication: {problems:?} {medications:?}"
        ));
    }
    let mut expected = vec![
        "Dr Kim Lee, Cardiology".to_string(),
        "Ibsen".into(),
        "Signed electronically".into(),
    ];
    expected.extend(problems);
    expected.extend(medications);
    for expect in expected {
        let words = expect.split_whitespace().collect::<Vec<_>>().join(" ");
        if !flat.contains(&words) {
            return Err(format!("the referral's PDF copy lacks {words:?}: {flat}"));
        }
    }
    let _ = ws.log_out(now);
    Ok(())
}

pub async fn documents_part(
    client: &Client,
    checks: &ScreenChecks,
    dir: &Path,
) -> Result<(), String> {
    let file = dir.join("lee-consult.pdf");
    std::fs::write(
        &file,
        scanned_pdf(&["Cardiology consultation", "Walter Ibsen: echo normal"]),
    )
    .map_err(|e| e.to_string())?;
    desk_files_the_scan(client, checks, &file).await?;
    physician_views_it(client, checks).await
}

/// The text of a PDF's pages with runs of whitespace made single spaces (what the stories
/// check a kept PDF copy for).
pub fn pdf_text(pdf: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| format!("not a PDF: {e}"))?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc
        .extract_text(&pages)
        .map_err(|e| format!("no text in the PDF: {e}"))?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}
