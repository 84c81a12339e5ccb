//! Mail as it arrives from the wider world, written byte for byte: bodies in the charset
//! their sender's client chose (ISO-8859-1, Windows-1252, ISO-2022-JP, Shift_JIS, GBK
//! labelled gb2312, KOI8-R), subjects and names as RFC 2047 words in those charsets, a
//! newsletter whose plain part is a stub, a forwarded message, Outlook HTML with layout
//! tables, and a body large enough that Gmail serves it behind an attachment id.

use super::raw_mime::{Transfer, attached_message, date, encode, leaf, message, multipart, word};
use super::{ATLAS, Person, Seeder, assets, person, work};
use crate::sandbox::payload::INLINE_BODY_LIMIT;
use crate::sandbox::store::NewMessage;

/// Subjects of the mails below, as they read once decoded (tests find the mails by them).
pub const GERMAN_SUBJECT: &str = "Lieferung verzögert: Messebroschüren für Atlas";
pub const JAPANESE_SUBJECT: &str = "Atlas日本パイロットのお見積り";
pub const SHIFT_JIS_SUBJECT: &str = "導入研修の日程について";
pub const CHINESE_SUBJECT: &str = "Atlas 中文版本地化进度";
pub const RUSSIAN_SUBJECT: &str = "Договор на поддержку Atlas";
pub const WINDOWS_1252_SUBJECT: &str = "Northwind renewal quote";
pub const STUB_NEWSLETTER_SUBJECT: &str = "Cloud Digest: the FinOps issue";
pub const FORWARD_SUBJECT: &str = "Fwd: Security questionnaire for Atlas";
pub const OUTLOOK_SUBJECT: &str = "Contoso reseller price list Q3";
pub const LARGE_SUBJECT: &str = "Atlas 1.0 release notes (full changelog)";

/// One received mail: who sent it (already encoded for the header), its subject (the
/// header value as written), how long ago, and its body part.
struct Received<'a> {
    key: &'a str,
    from: String,
    subject: String,
    hours_ago: f64,
    body: Vec<u8>,
    labels: &'a [&'a str],
}

fn addr(p: &Person) -> String {
    format!("\"{}\" <{}>", p.name, p.email)
}

pub fn threads(s: &mut Seeder) {
    let day = 24.0;
    for mail in [
        german_supplier(),
        japanese_partner(),
        shift_jis_training(),
        chinese_localisation(),
        russian_contract(),
        windows_1252_quote(),
        stub_newsletter(),
        forwarded_questionnaire(s.now_ms),
        outlook_price_list(),
        large_release_notes(),
    ]
    .into_iter()
    .enumerate()
    .map(|(n, mut m)| {
        // Spread over the last weeks, newest last, between the other seed threads.
        m.hours_ago += n as f64 * 0.5 * day;
        m
    }) {
        file(s, mail);
    }
}

fn file(s: &mut Seeder, m: Received<'_>) {
    let when_ms = s.now_ms - (m.hours_ago * 3_600_000.0) as i64;
    let domain = m.from.rsplit('@').next().unwrap_or("example.com").trim_end_matches('>');
    let headers = [
        ("From", m.from.clone()),
        ("To", addr(&s.me)),
        ("Subject", m.subject),
        ("Date", date(when_ms / 1000)),
        ("Message-ID", format!("<{}.{}@{domain}>", m.key, when_ms / 1000)),
    ];
    let raw = message(&headers, &m.body);
    let labels = m.labels.iter().map(|l| l.to_string()).collect();
    s.store.insert(NewMessage { raw, label_ids: labels, thread_id: None, internal_date: Some(when_ms) });
}

fn plain(charset: &str, text: &str, transfer: Transfer) -> Vec<u8> {
    leaf(&format!("text/plain; charset=\"{charset}\""), &[], &encode(text, charset), transfer)
}

fn german_supplier() -> Received<'static> {
    let text = "Sehr geehrter Herr Rivera,\n\n\
        leider ist die Lieferung der Messebroschüren für den Atlas-Launch verzögert: \
        unsere Papierlieferung aus Österreich kam zu spät. Neuer Liefertermin ist Donnerstag.\n\n\
        Wir bitten um Entschuldigung. Die Expresszustellung übernehmen selbstverständlich wir.\n\n\
        Mit freundlichen Grüßen\nJürgen Weiß\nDruckerei Weiß & Söhne, München";
    Received {
        key: "druckerei-lieferung",
        from: format!("{} <juergen.weiss@druckerei-weiss.example>", word("Jürgen Weiß", "ISO-8859-1")),
        subject: word(GERMAN_SUBJECT, "ISO-8859-1"),
        hours_ago: 30.0,
        body: multipart(
            "mixed",
            "weiss-lieferschein",
            &[plain("ISO-8859-1", text, Transfer::QuotedPrintable), delivery_note()],
        ),
        labels: &["INBOX", "CATEGORY_PERSONAL", "UNREAD"],
    }
}

/// The file name of the supplier's delivery note, as its client wrote it twice: RFC 2047 in
/// `name`, RFC 2231 with continuations in `filename`.
pub const DELIVERY_NOTE: &str = "Lieferschein verzögert München.pdf";

fn delivery_note() -> Vec<u8> {
    let pdf = assets::pdf(&["Druckerei Weiss & Soehne", "Lieferschein 2026-118", "500 Messebroschueren Atlas"]);
    leaf(
        "application/pdf; name=\"=?ISO-8859-1?Q?Lieferschein_verz=F6gert_M=FCnchen.pdf?=\"",
        &[(
            "Content-Disposition",
            "attachment;\r\n filename*0*=ISO-8859-1''Lieferschein%20verz%F6gert%20;\r\n filename*1*=M%FCnchen.pdf",
        )],
        &pdf,
        Transfer::Base64,
    )
}

fn japanese_partner() -> Received<'static> {
    let kenji = person("渡辺 健二", "kenji.watanabe@example.jp");
    let text = "リベラ様\n\nいつもお世話になっております。\n\
        Atlas日本パイロットのお見積りをお送りいたします。\n\
        ライセンス50席、期間は六か月です。ご確認のほどよろしくお願いいたします。\n\n渡辺";
    Received {
        key: "kenji-quote",
        from: format!("{} <{}>", word(&kenji.name, "ISO-2022-JP"), kenji.email),
        subject: word(JAPANESE_SUBJECT, "ISO-2022-JP"),
        hours_ago: 60.0,
        // ISO-2022-JP is 7-bit: Japanese mail clients send it without a transfer encoding.
        body: plain("ISO-2022-JP", text, Transfer::SevenBit),
        labels: &["INBOX", "CATEGORY_PERSONAL"],
    }
}

fn shift_jis_training() -> Received<'static> {
    // ① and ② are NEC extensions that only Shift_JIS as Windows writes it has.
    let text = "リベラ様\n\n導入研修の日程案です。\n①月曜日 10:00\n②水曜日 14:00\n\
        ご都合のよい方をお知らせください。\n\n佐藤 美咲\n株式会社サンプル";
    Received {
        key: "sato-training",
        from: format!("{} <misaki.sato@sample-kk.example.jp>", word("佐藤 美咲", "Shift_JIS")),
        subject: word(SHIFT_JIS_SUBJECT, "Shift_JIS"),
        hours_ago: 80.0,
        body: plain("Shift_JIS", text, Transfer::Base64),
        labels: &["INBOX", "CATEGORY_PERSONAL"],
    }
}

fn chinese_localisation() -> Received<'static> {
    // Labelled gb2312, as many clients still do, while using GBK-only characters (堃).
    let text = "Alex 你好，\n\nAtlas 中文版本地化工作已完成百分之八十，剩余的帮助文档下周交付。\n\n祝好，\n王堃";
    Received {
        key: "wang-l10n",
        from: format!("{} <wang.kun@example.cn>", word("王堃", "gb2312")),
        subject: word(CHINESE_SUBJECT, "gb2312"),
        hours_ago: 100.0,
        body: plain("gb2312", text, Transfer::Base64),
        labels: &["INBOX", "CATEGORY_PERSONAL"],
    }
}

fn russian_contract() -> Received<'static> {
    let text = "Здравствуйте, Алекс!\n\nДоговор подписан, оригинал отправим почтой на этой неделе.\n\n\
        С уважением,\nИван Петров";
    Received {
        key: "petrov-contract",
        from: format!("{} <ivan.petrov@example.ru>", word("Иван Петров", "KOI8-R")),
        subject: word(RUSSIAN_SUBJECT, "KOI8-R"),
        hours_ago: 120.0,
        body: plain("KOI8-R", text, Transfer::QuotedPrintable),
        labels: &["INBOX", "CATEGORY_PERSONAL"],
    }
}

fn windows_1252_quote() -> Received<'static> {
    let dana = person("Dana Whitfield", "dana.whitfield@northwind.example");
    let text = "Hi Alex,\n\nour finance team asked for the “renewal” quote in euros: \
        120 seats at €97.20 per seat – €11,664 per year, as we discussed.\n\n\
        Could you send it by Friday? They’re closing the budget.\n\nDana";
    Received {
        key: "northwind-renewal",
        from: addr(&dana),
        subject: WINDOWS_1252_SUBJECT.into(),
        hours_ago: 10.0,
        body: plain("windows-1252", text, Transfer::QuotedPrintable),
        labels: &["INBOX", "CATEGORY_PERSONAL", "UNREAD"],
    }
}

fn stub_newsletter() -> Received<'static> {
    let stub = "View this email in an HTML-capable client:\nhttps://clouddigest.example/issues/finops";
    let html = "<html><body><h1>The FinOps issue</h1>\
        <p>Reserved capacity saved our readers 31% on average this quarter. We compared three \
        commitment strategies across compute, storage and egress, and the winner surprised us.</p>\
        <h2>In this issue</h2><ul><li>Rightsizing without the guesswork</li>\
        <li>Tagging policies that survive a reorg</li><li>When spot instances are worth the risk</li></ul>\
        <p><a href=\"https://clouddigest.example/articles/finops\">Read the full article</a></p></body></html>";
    let body = multipart(
        "alternative",
        "cd-finops-alt",
        &[
            plain("us-ascii", stub, Transfer::SevenBit),
            leaf("text/html; charset=\"utf-8\"", &[], html.as_bytes(), Transfer::QuotedPrintable),
        ],
    );
    Received {
        key: "cloud-digest-finops",
        from: "\"Cloud Digest\" <digest@clouddigest.example>".into(),
        subject: STUB_NEWSLETTER_SUBJECT.into(),
        hours_ago: 20.0,
        body,
        labels: &["INBOX", "CATEGORY_PROMOTIONS"],
    }
}

fn forwarded_questionnaire(now_ms: i64) -> Received<'static> {
    let (priya, dana) = (work::priya(), person("Dana Whitfield", "dana.whitfield@northwind.example"));
    let sent_secs = now_ms / 1000 - 9 * 24 * 3600;
    let inner = message(
        &[
            ("From", addr(&dana)),
            ("To", addr(&priya)),
            ("Subject", word("Security questionnaire for Atlas – due Friday", "UTF-8")),
            ("Date", date(sent_secs)),
            ("Message-ID", format!("<questionnaire.{sent_secs}@northwind.example>")),
        ],
        &plain(
            "UTF-8",
            "Hi Priya,\n\nbefore the renewal our security team needs the vendor questionnaire \
             filled in: data residency, SSO, encryption at rest. Could Atlas answer by Friday?\n\nThanks,\nDana",
            Transfer::QuotedPrintable,
        ),
    );
    let body = multipart(
        "mixed",
        "fwd-questionnaire",
        &[
            plain("UTF-8", "Alex, can you take this one? Dana's note is attached.\n\nPriya", Transfer::SevenBit),
            attached_message("Security questionnaire for Atlas.eml", &inner),
        ],
    );
    Received {
        key: "fwd-questionnaire",
        from: addr(&priya),
        subject: FORWARD_SUBJECT.into(),
        hours_ago: 40.0,
        body,
        labels: &["INBOX", "CATEGORY_PERSONAL"],
    }
}

fn outlook_price_list() -> Received<'static> {
    let omar = person("Omar Haddad", "omar.haddad@contoso.example");
    let html = r##"<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style></head>
<body lang="EN-US"><div class="WordSection1">
<p class="MsoNormal">Hi Alex,<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Here is our proposed reseller price list for Q3:<o:p></o:p></p>
<!--[if mso]><v:rect style="width:400pt;height:2pt" fillcolor="#1F4E79" stroked="f"><v:textbox>Contoso</v:textbox></v:rect><![endif]-->
<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
<tr><td width="200" valign="top"><p class="MsoNormal"><b>Region<o:p></o:p></b></p></td>
<td width="100" valign="top"><p class="MsoNormal"><b>Seats<o:p></o:p></b></p></td>
<td width="100" valign="top"><p class="MsoNormal"><b>Price per seat<o:p></o:p></b></p></td></tr>
<tr><td><p class="MsoNormal">Gulf<o:p></o:p></p></td><td><p class="MsoNormal">250<o:p></o:p></p></td><td><p class="MsoNormal">USD 86<o:p></o:p></p></td></tr>
<tr><td><p class="MsoNormal">Levant<o:p></o:p></p></td><td><p class="MsoNormal">120<o:p></o:p></p></td><td><p class="MsoNormal">USD 91<o:p></o:p></p></td></tr>
</table>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Best regards,<o:p></o:p></p><p class="MsoNormal">Omar<o:p></o:p></p>
</div></body></html>"##;
    Received {
        key: "contoso-prices",
        from: addr(&omar),
        subject: OUTLOOK_SUBJECT.into(),
        hours_ago: 50.0,
        body: leaf(
            "text/html; charset=\"windows-1252\"",
            &[],
            &encode(html, "windows-1252"),
            Transfer::QuotedPrintable,
        ),
        labels: &["INBOX", "CATEGORY_PERSONAL", ATLAS],
    }
}

/// The first and last lines of the large body, for tests.
pub const LARGE_FIRST_LINE: &str = "Atlas 1.0 release notes: every change since 0.9.";
pub const LARGE_LAST_LINE: &str = "End of the changelog. Grüße, the Atlas team.";

fn large_release_notes() -> Received<'static> {
    let mut text = format!("{LARGE_FIRST_LINE}\n\n");
    let mut n = 1;
    while text.len() <= INLINE_BODY_LIMIT + 4 * 1024 {
        text.push_str(&format!(
            "- ATLAS-{n:04}: sync engine: fixed a conflict between offline edits and the dashboard refresh.\n"
        ));
        n += 1;
    }
    text.push_str(LARGE_LAST_LINE);
    Received {
        key: "release-notes",
        from: "\"IT Helpdesk\" <it-helpdesk@example.com>".into(),
        subject: LARGE_SUBJECT.into(),
        hours_ago: 70.0,
        body: plain("UTF-8", &text, Transfer::QuotedPrintable),
        labels: &["INBOX", "CATEGORY_UPDATES"],
    }
}
