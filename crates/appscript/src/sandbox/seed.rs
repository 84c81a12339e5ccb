//! The sample account: Alex Rivera's "Atlas weekly report" script (the Drive seed's
//! `ATLAS_REPORT_SCRIPT` file) with two versions, its HEAD deployment and an API executable
//! deployment of version 2, a weekly time-driven trigger, and the executions it left. Dated
//! relative to `now`.

use chrono::{DateTime, Duration, Utc};

use super::store::{DeploymentRec, FileRec, ProcessRec, ProjectRec, Store, TriggerRec, VersionRec};

/// The script's id: the same file id the Drive seed lists.
pub const ATLAS_REPORT_SCRIPT: &str = "1AtlasWeeklyReportScriptXk7Qm2Lp9";
/// Its HEAD deployment (the saved code; read-only).
pub const HEAD_DEPLOYMENT: &str = "AKfycbAtlasWeeklyReportHeadDeployment0000";
/// Its API executable deployment, serving version 2.
pub const API_DEPLOYMENT: &str = "AKfycbAtlasWeeklyReportApiExecutableV2xx";
/// The Monday-morning trigger that builds the report.
pub const WEEKLY_TRIGGER: &str = "6021419387734451";

pub const MANIFEST: &str = r#"{
  "timeZone": "America/New_York",
  "exceptionLogging": "STACKDRIVER",
  "runtimeVersion": "V8",
  "executionApi": {
    "access": "MYSELF"
  }
}"#;

/// The saved code. `ping` and `buildWeeklyReport` are the functions the emulation runs.
pub const CODE: &str = r#"/**
 * Project Atlas weekly status report: collects open pilot feedback and milestones
 * and mails the summary to the Atlas team every Monday.
 */
function buildWeeklyReport() {
  var report = {
    project: 'Atlas',
    weekOf: weekStart_(),
    status: 'on track',
    highlights: ['Pilot feedback form live', 'Launch checklist 60% done'],
    owner: 'alex.rivera@example.com'
  };
  return report;
}

function ping() {
  return 'pong';
}

function weekStart_() {
  var d = new Date();
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return Utilities.formatDate(d, 'UTC', 'yyyy-MM-dd');
}
"#;

const TEMPLATE: &str = r#"<!DOCTYPE html>
<html>
  <body>
    <h2>Atlas weekly report</h2>
    <p>Week of <?= weekOf ?>: <?= status ?></p>
  </body>
</html>
"#;

fn file(name: &str, kind: &str, source: &str, at: DateTime<Utc>) -> FileRec {
    FileRec { name: name.into(), kind: kind.into(), source: source.into(), created: at, updated: at }
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    let created = now - Duration::days(40);
    let saved = now - Duration::days(9);
    let files = vec![
        file("appsscript", "JSON", MANIFEST, created),
        file("Code", "SERVER_JS", CODE, saved),
        file("ReportTemplate", "HTML", TEMPLATE, created),
    ];
    // Version 1 predates the template.
    let v1_files = vec![files[0].clone(), files[1].clone()];
    let versions = vec![
        VersionRec {
            number: 1,
            description: Some("First weekly report".into()),
            created: now - Duration::days(30),
            files: v1_files,
        },
        VersionRec {
            number: 2,
            description: Some("Adds the HTML report template".into()),
            created: now - Duration::days(9),
            files: files.clone(),
        },
    ];
    let deployments = vec![
        DeploymentRec { id: HEAD_DEPLOYMENT.into(), version: None, description: None, updated: created },
        DeploymentRec {
            id: API_DEPLOYMENT.into(),
            version: Some(2),
            description: Some("Weekly report API".into()),
            updated: now - Duration::days(9),
        },
    ];
    let triggers = vec![TriggerRec {
        id: WEEKLY_TRIGGER.into(),
        handler: "buildWeeklyReport".into(),
        event_type: "CLOCK".into(),
        source: "CLOCK".into(),
    }];
    let project = ProjectRec {
        id: ATLAS_REPORT_SCRIPT.into(),
        title: "Atlas weekly report".into(),
        parent_id: None,
        created,
        updated: saved,
        files,
        versions,
        deployments,
        triggers,
    };
    let run = |days: i64, function: &str, kind: &str, status: &str, millis: i64| ProcessRec {
        script_id: ATLAS_REPORT_SCRIPT.into(),
        function: function.into(),
        kind: kind.into(),
        status: status.into(),
        start: now - Duration::days(days) - Duration::hours(2),
        millis,
    };
    let processes = vec![
        run(15, "buildWeeklyReport", "TIME_DRIVEN", "COMPLETED", 2310),
        run(8, "buildWeeklyReport", "TIME_DRIVEN", "FAILED", 870),
        run(6, "ping", "EDITOR", "COMPLETED", 120),
        run(1, "buildWeeklyReport", "TIME_DRIVEN", "COMPLETED", 2045),
    ];
    Store { user: user.into(), user_name: display_name(user), projects: vec![project], processes }
}

/// "alex.rivera@example.com" -> "Alex Rivera".
fn display_name(user: &str) -> String {
    let local = user.split('@').next().unwrap_or(user);
    local
        .split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
