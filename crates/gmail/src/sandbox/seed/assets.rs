//! Attachments for the seed, generated so they are real files of their type: a one-page
//! PDF, a CSV, PNG images (uncompressed deflate, correct CRCs), an iCalendar invite.

use chrono::{DateTime, Duration, Utc};
use wsmcp_sandbox_kit::assets::png;

/// A one-page PDF showing `lines` in Helvetica, with a correct xref table.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 16 Tf 72 720 Td 20 TL\n");
    for line in lines {
        let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// The Atlas logo used inline in HTML: a blue square with a white "A"-ish stripe.
pub fn logo_png() -> Vec<u8> {
    png(24, 24, |x, y| if (x + y / 2 == 12 || x == 12 + y / 2) && y > 4 { [255, 255, 255] } else { [74, 134, 232] })
}

/// A mock-up screenshot: a header bar, a sidebar and cards.
pub fn mockup_png() -> Vec<u8> {
    png(160, 100, |x, y| match (x, y) {
        (_, 0..=11) => [40, 91, 172],
        (0..=31, _) => [232, 234, 237],
        (40..=95, 20..=55) | (104..=151, 20..=55) | (40..=151, 64..=91) => [255, 255, 255],
        _ => [246, 247, 249],
    })
}

/// A small photo-like gradient for the team dinner.
pub fn dinner_png() -> Vec<u8> {
    png(64, 48, |x, y| [(120 + x * 2) as u8, (60 + y * 2) as u8, (40 + (x + y)) as u8])
}

pub fn budget_csv() -> Vec<u8> {
    "Kostenstelle,Beschreibung,Budget (EUR),Ist (EUR),Abweichung\n\
     4100,Cloud-Infrastruktur,42000,39850,-2150\n\
     4200,Schulungen & Workshops,8500,9120,620\n\
     4300,Büromaterial,1200,980,-220\n\
     4400,Reisekosten München,6400,7015,615\n\
     4500,Lizenzen,15800,15800,0\n"
        .as_bytes()
        .to_vec()
}

/// The weekly sync invitation (UID `atlas-weekly-sync@example.com`): every week on the
/// weekday three days from now, 16:00-16:30 UTC. The Calendar emulation seeds the same event.
pub fn weekly_sync_ics(now: DateTime<Utc>, organizer: (&str, &str), attendees: &[(&str, &str)]) -> String {
    let start = (now + Duration::days(3)).date_naive().and_hms_opt(16, 0, 0).unwrap_or_default();
    let end = start + Duration::minutes(30);
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut ics = format!(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n\
         METHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:{}\r\nDTEND:{}\r\nRRULE:FREQ=WEEKLY\r\nDTSTAMP:{stamp}\r\n\
         ORGANIZER;CN={}:mailto:{}\r\nUID:atlas-weekly-sync@example.com\r\n",
        start.format("%Y%m%dT%H%M%SZ"),
        end.format("%Y%m%dT%H%M%SZ"),
        organizer.0,
        organizer.1
    );
    for (name, email) in attendees {
        ics.push_str(&format!(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={name};X-NUM-GUESTS=0:mailto:{email}\r\n"
        ));
    }
    ics.push_str(
        "SUMMARY:Atlas weekly sync\r\nDESCRIPTION:Status\\, risks and next steps for Atlas.\\nJoin: https://meet.google.com/abc-defg-hij\r\n\
         LOCATION:Room 4.2 / Google Meet\r\nSEQUENCE:0\r\nSTATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    ics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_have_their_magic() {
        assert!(pdf(&["Hello (world)"]).starts_with(b"%PDF-1.4"));
        let image = png(2, 2, |_, _| [1, 2, 3]);
        assert!(image.starts_with(&[0x89, b'P', b'N', b'G']));
        assert!(budget_csv().starts_with(b"Kostenstelle"));
    }
}
