//! Seed threads with people outside example.com: a customer escalation, partners
//! writing in Japanese, Arabic and Hebrew, HTML newsletters, receipts and spam.

use super::{ATLAS, Body, Mail, Person, Place, RECEIPTS, Seeder, assets, person};

fn text(s: &str) -> Body {
    Body::Text(s.to_string())
}

fn newsletter(title: &str, items: &[(&str, &str)]) -> Body {
    let mut html = format!("<html><body style=\"font-family:sans-serif\"><h1>{title}</h1><ul>");
    for (label, url) in items {
        html.push_str(&format!("<li><a href=\"{url}\">{label}</a></li>"));
    }
    html.push_str(
        "</ul><p style=\"color:#666\">You are receiving this because you subscribed. \
         <a href=\"https://newsletters.example/unsubscribe?u=alex\">Unsubscribe</a></p></body></html>",
    );
    Body::Html(html)
}

pub fn threads(s: &mut Seeder) {
    let me = s.me.clone();
    let day = 24.0;
    let dana: Person = person("Dana Whitfield", "dana.whitfield@northwind.example");
    let kenji = person("渡辺 健二 (Kenji Watanabe)", "kenji.watanabe@example.jp");
    let omar = person("Omar Haddad", "omar.haddad@contoso.example");
    let noa = person("Noa Levi", "noa.levi@example.org");

    s.thread("northwind-4471", vec![
        Mail::new(&dana, &[&me], 6.5 * day, text(
            "Hello Alex,\n\nour order #4471 (120 Atlas seats) was due last Monday and we still have no activation keys. \
             Our rollout starts next week. Can you check what's going on?\n\nBest,\nDana Whitfield\nIT Director, Northwind Traders",
        )).subject("Order #4471 – delayed activation keys").starred().important(),
        Mail::new(&me, &[&dana], 6.3 * day, text(
            "Hi Dana,\n\nsorry about this. The keys were stuck in our provisioning queue; I've escalated it and expect them by Thursday.\n\nAlex",
        )).important(),
        Mail::new(&dana, &[&me], 5.0 * day, text(
            "Thanks Alex. Thursday works if it's firm. Could you also confirm the invoice reflects the 10% volume discount?\n\nDana",
        )).important(),
        Mail::new(&me, &[&dana], 4.9 * day, text(
            "Confirmed on both: keys go out Thursday morning, and the invoice shows the 10% discount (USD 12,960 total).\n\nAlex",
        )).important(),
        Mail::new(&dana, &[&me], 3.0 * day, text("Keys received, rollout is on track. Thanks for the quick help!\n\nDana"))
            .unread()
            .important(),
    ]);

    s.thread("kenji-meeting", vec![
        Mail::new(&kenji, &[&me], 10.0 * day, text(
            "Alex様\n\nいつもお世話になっております。来週の打ち合わせについてですが、火曜日の午後はいかがでしょうか。\n\
             (English: Would Tuesday afternoon work for next week's meeting? We'd like to discuss the Atlas Japan pilot.)\n\n\
             よろしくお願いいたします。\n渡辺",
        )).subject("来週の打ち合わせについて"),
        Mail::new(&me, &[&kenji], 9.8 * day, text(
            "Watanabe-san,\n\nTuesday 15:00 JST works well for me. I'll send a Meet link.\n\nありがとうございます!\nAlex",
        )),
        Mail::new(&kenji, &[&me], 9.0 * day, text("承知いたしました。Tuesday 15:00 JST, see you then.\n\n渡辺")),
    ]);

    let proposal = assets::pdf(&[
        "Contoso x Atlas",
        "Partnership proposal",
        "Reseller terms: 20% margin",
        "Pilot: 3 customers in Q3",
    ]);
    s.thread("contoso-partnership", vec![
        Mail::new(&omar, &[&me], 15.0 * day, text(
            "مرحباً أليكس، أتمنى أن تكون بخير.\n\nHi Alex,\n\nfollowing our call, attached is our partnership proposal for \
             reselling Atlas in the Gulf region. Happy to walk you through it.\n\nBest regards,\nOmar Haddad\nContoso",
        )).subject("Partnership proposal – Contoso × Atlas").attach("application/pdf", "Contoso-Atlas-proposal.pdf", proposal).label(ATLAS),
        Mail::new(&me, &[&omar], 14.5 * day, text(
            "شكراً Omar! Thanks for the proposal. I'll review it with Priya this week and come back with questions.\n\nAlex",
        )).label(ATLAS),
    ]);

    s.thread("talk-accepted", vec![
        Mail::new(&noa, &[&me], 5.0 * day, text(
            "Hi Alex,\n\nמזל טוב! Your talk \"Offline-first sync in practice\" was accepted for RustConf TLV in May 🎉\n\
             Please confirm by the end of the week.\n\nNoa Levi\nProgram committee",
        )).subject("Conference talk accepted 🎉"),
        Mail::new(&me, &[&noa], 4.0 * day, text("Wonderful news, thank you Noa! Confirmed. תודה רבה!\n\nAlex")),
    ]);

    let rust = person("This Week in Rust", "newsletter@rustweekly.example");
    for (n, (hours, subject)) in [
        (50.0 * day, "This Week in Rust #1: async closures land"),
        (22.0 * day, "This Week in Rust #2: faster compile times"),
        (1.5 * day, "This Week in Rust #3: the 2024 edition, one year on"),
    ]
    .into_iter()
    .enumerate()
    {
        let body = newsletter(
            subject,
            &[
                ("Release notes", "https://blog.rust-lang.org/"),
                ("Crate of the week: axum", "https://docs.rs/axum"),
                ("Call for participation", "https://github.com/rust-lang/rust/issues"),
            ],
        );
        let mut mail = Mail::new(&rust, &[&me], hours, body).subject(subject).category("CATEGORY_UPDATES");
        if n == 2 {
            mail = mail.unread();
        }
        s.thread(&format!("twir-{n}"), vec![mail]);
    }

    let cloud = person("Cloud Digest", "digest@clouddigest.example");
    for (n, (hours, subject)) in
        [(36.0 * day, "Serverless cold starts, explained"), (8.0 * day, "Cloud Digest: 5 cost tips for Q4")]
            .into_iter()
            .enumerate()
    {
        let body = newsletter(
            subject,
            &[
                ("Read the article", "https://clouddigest.example/articles/latest"),
                ("Webinar: FinOps basics", "https://clouddigest.example/webinars/finops"),
            ],
        );
        let mut mail = Mail::new(&cloud, &[&me], hours, body).subject(subject).category("CATEGORY_PROMOTIONS");
        if n == 1 {
            mail = mail.unread();
        }
        s.thread(&format!("cloud-digest-{n}"), vec![mail]);
    }

    let skyline = person("Skyline Air", "receipts@skyline-air.example");
    s.thread("skyline-receipt", vec![
        Mail::new(&skyline, &[&me], 25.0 * day, Body::Alternative {
            text: "Thank you for flying Skyline Air.\n\nBooking ref: K7Q2XP\nBER → MUC, economy, 1 passenger\nTotal: EUR 189.40 (incl. VAT 30.24)\n".into(),
            html: "<h2>Thank you for flying Skyline Air</h2><table><tr><td>Booking ref</td><td><b>K7Q2XP</b></td></tr>\
                   <tr><td>Route</td><td>BER → MUC, economy</td></tr><tr><td>Total</td><td>EUR 189.40 (incl. VAT 30.24)</td></tr></table>\
                   <p><a href=\"https://skyline-air.example/manage/K7Q2XP\">Manage booking</a></p>".into(),
        }).subject("Your e-ticket receipt – BER → MUC").category("CATEGORY_UPDATES").place(Place::Archived).label(RECEIPTS),
    ]);

    let beanleaf = person("Bean & Leaf Coffee", "orders@beanleaf.example");
    s.thread("beanleaf-order", vec![
        Mail::new(&beanleaf, &[&me], 40.0 * day, Body::Alternative {
            text: "Order #BL-20931 confirmed.\n2 x House Blend 250g  EUR 17.80\nShipping EUR 4.90\nTotal EUR 22.70\n".into(),
            html: "<p>Order <b>#BL-20931</b> confirmed.</p><ul><li>2 × House Blend 250g: EUR 17.80</li><li>Shipping: EUR 4.90</li></ul>\
                   <p><b>Total: EUR 22.70</b></p>".into(),
        }).subject("Order confirmation #BL-20931").category("CATEGORY_UPDATES").place(Place::Archived).label(RECEIPTS),
    ]);

    let prize = person("Rewards Center", "winner@prize-claims.example");
    s.thread(
        "spam-prize",
        vec![
            Mail::new(
                &prize,
                &[&me],
                3.0 * day,
                Body::Html(
                    "<p>Congratulations!!! You have been selected to receive a <b>$500 gift card</b>.</p>\
             <p><a href=\"http://prize-claims.example/claim\">Claim now</a></p>"
                        .into(),
                ),
            )
            .subject("Congratulations! You've won a $500 gift card")
            .place(Place::Spam)
            .unread(),
        ],
    );
}
