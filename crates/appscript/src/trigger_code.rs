//! Apps Script code that installs a trigger (`generate_trigger_code`). The Apps Script API has
//! no trigger endpoints: triggers are made by the script itself through `ScriptApp`, or are
//! simple triggers (functions named `onOpen`/`onEdit`). Pure: no Google call.

/// What the generator was asked for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    EveryMinutes(u32),
    EveryHours(u32),
    /// Daily, in the hour starting at this one (the script's time zone).
    Daily(u32),
    /// Weekly on this `ScriptApp.WeekDay`.
    Weekly(&'static str),
    OnOpen,
    OnEdit,
    OnFormSubmit,
    OnChange,
}

pub const TRIGGER_TYPES: &[&str] =
    &["time_minutes", "time_hours", "time_daily", "time_weekly", "on_open", "on_edit", "on_form_submit", "on_change"];
const MINUTES: &[u32] = &[1, 5, 10, 15, 30];
const HOURS: &[u32] = &[1, 2, 4, 6, 8, 12];
const WEEKDAYS: &[&str] = &["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

fn one_of(schedule: &str, allowed: &[u32], what: &str) -> Result<u32, String> {
    schedule.parse::<u32>().ok().filter(|n| allowed.contains(n)).ok_or_else(|| {
        let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
        format!(
            "schedule for {what} must be one of {} (Apps Script allows only these), got '{schedule}'",
            list.join(", ")
        )
    })
}

/// Checks `trigger_type` and `schedule` as Apps Script would accept them.
pub fn parse(trigger_type: &str, schedule: &str) -> Result<Trigger, String> {
    let schedule = schedule.trim();
    Ok(match trigger_type.trim() {
        "time_minutes" => Trigger::EveryMinutes(one_of(schedule, MINUTES, "time_minutes")?),
        "time_hours" => Trigger::EveryHours(one_of(schedule, HOURS, "time_hours")?),
        "time_daily" => {
            Trigger::Daily(schedule.parse::<u32>().ok().filter(|h| *h < 24).ok_or_else(|| {
                format!("schedule for time_daily is an hour from 0 to 23 (e.g. '9'), got '{schedule}'")
            })?)
        }
        "time_weekly" => {
            let day = schedule.to_ascii_uppercase();
            Trigger::Weekly(WEEKDAYS.iter().copied().find(|d| *d == day).ok_or_else(|| {
                format!("schedule for time_weekly is a day such as MONDAY ({}), got '{schedule}'", WEEKDAYS.join(", "))
            })?)
        }
        "on_open" => Trigger::OnOpen,
        "on_edit" => Trigger::OnEdit,
        "on_form_submit" => Trigger::OnFormSubmit,
        "on_change" => Trigger::OnChange,
        other => return Err(format!("trigger_type must be one of {}, got '{other}'", TRIGGER_TYPES.join(", "))),
    })
}

/// A function name a trigger can call: a JavaScript identifier, not private (a trailing `_`
/// hides a function from triggers and the Execution API).
pub fn check_function_name(name: &str) -> Result<&str, String> {
    let name = name.trim();
    let mut chars = name.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$');
    if !starts || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
        return Err(format!("function_name must be a JavaScript function name such as sendDailyReport, got '{name}'"));
    }
    if name.ends_with('_') {
        return Err(format!("function_name '{name}' ends with '_', which makes it private: triggers cannot call it"));
    }
    Ok(name)
}

/// The code to paste into the project, and how to use it.
pub fn generate(trigger: &Trigger, function: &str) -> String {
    match trigger {
        Trigger::OnOpen | Trigger::OnEdit => simple(trigger, function),
        _ => installable(trigger, function),
    }
}

fn simple(trigger: &Trigger, function: &str) -> String {
    let (name, when) = if *trigger == Trigger::OnOpen {
        ("onOpen", "the document, sheet, slides or form this script is bound to is opened")
    } else {
        ("onEdit", "a user edits a cell of the spreadsheet this script is bound to")
    };
    format!(
        "Simple trigger: Apps Script calls a function named {name} whenever {when}. No setup run is needed.\n\n\
```javascript\n\
function {name}(e) {{\n  {function}(e);\n}}\n\
```\n\n\
Add it with manage_script_content (type SERVER_JS). Simple triggers run without asking for authorization, \
so they cannot call services that need it (e.g. GmailApp, or opening other files); for that, install the \
trigger from the editor or with ScriptApp instead.\n"
    )
}

fn builder(trigger: &Trigger, function: &str) -> (String, &'static str) {
    let start = format!("ScriptApp.newTrigger('{function}')");
    match trigger {
        Trigger::EveryMinutes(n) => (format!("{start}\n    .timeBased()\n    .everyMinutes({n})"), ""),
        Trigger::EveryHours(n) => (format!("{start}\n    .timeBased()\n    .everyHours({n})"), ""),
        Trigger::Daily(h) => (format!("{start}\n    .timeBased()\n    .atHour({h})\n    .everyDays(1)"), ""),
        Trigger::Weekly(d) => (format!("{start}\n    .timeBased()\n    .onWeekDay(ScriptApp.WeekDay.{d})"), ""),
        Trigger::OnFormSubmit => (
            format!("{start}\n    .forForm(FormApp.getActiveForm())\n    .onFormSubmit()"),
            "For a script bound to the responses spreadsheet instead, use \
.forSpreadsheet(SpreadsheetApp.getActive()) in place of .forForm(FormApp.getActiveForm()).\n",
        ),
        Trigger::OnChange | Trigger::OnOpen | Trigger::OnEdit => (
            format!("{start}\n    .forSpreadsheet(SpreadsheetApp.getActive())\n    .onChange()"),
            "Change triggers exist only for spreadsheets: the script must be bound to one.\n",
        ),
    }
}

fn installable(trigger: &Trigger, function: &str) -> String {
    let (chain, note) = builder(trigger, function);
    let setup = format!("createTrigger_{function}");
    let time_note = if matches!(trigger, Trigger::Daily(_)) {
        "The trigger fires once within the hour starting at that time, in the project's time zone (appsscript.json).\n"
    } else {
        ""
    };
    format!(
        "Installable trigger: run the setup function once and it installs a trigger that calls {function}.\n\n\
```javascript\n\
function {setup}() {{\n\
  // Remove an earlier trigger for the same function so repeated setup runs do not stack up.\n\
  ScriptApp.getProjectTriggers()\n\
    .filter(function (t) {{ return t.getHandlerFunction() === '{function}'; }})\n\
    .forEach(function (t) {{ ScriptApp.deleteTrigger(t); }});\n\
  {chain}\n    .create();\n\
}}\n\
```\n\n\
{note}{time_note}\
Steps: add this code with manage_script_content (type SERVER_JS), then run {setup} once with \
run_script_function (dev_mode true) or from the editor. Managing triggers needs the \
https://www.googleapis.com/auth/script.scriptapp scope. manage_script_trigger lists and deletes them later.\n"
    )
}

/// The helper `manage_script_trigger` writes into a project: trigger state is reachable only
/// from inside the script (ScriptApp), so listing and deleting run these functions.
pub mod helper {
    /// The helper file's name in the project.
    pub const HELPER_FILE: &str = "workspace_mcp_triggers";
    pub const LIST_FUNCTION: &str = "workspaceMcpListTriggers";
    pub const DELETE_FUNCTION: &str = "workspaceMcpDeleteTriggers";

    /// The helper's code.
    pub const HELPER_SOURCE: &str = r#"// Written by workspace-mcp (manage_script_trigger): lists and deletes this project's
// triggers for the Execution API, which has no trigger endpoints. Safe to delete.
function workspaceMcpListTriggers() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return {
      id: t.getUniqueId(),
      handler: t.getHandlerFunction(),
      eventType: String(t.getEventType()),
      source: String(t.getTriggerSource())
    };
  });
}

function workspaceMcpDeleteTriggers(triggerId, handlerFunction) {
  var deleted = [];
  ScriptApp.getProjectTriggers().forEach(function (t) {
    if ((triggerId && t.getUniqueId() === triggerId) ||
        (handlerFunction && t.getHandlerFunction() === handlerFunction)) {
      deleted.push(t.getUniqueId());
      ScriptApp.deleteTrigger(t);
    }
  });
  return deleted;
}
"#;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_checked() {
        assert_eq!(parse("time_minutes", "15"), Ok(Trigger::EveryMinutes(15)));
        assert!(parse("time_minutes", "7").unwrap_err().contains("1, 5, 10, 15, 30"));
        assert_eq!(parse("time_hours", " 12 "), Ok(Trigger::EveryHours(12)));
        assert!(parse("time_hours", "3").is_err());
        assert_eq!(parse("time_daily", "0"), Ok(Trigger::Daily(0)));
        assert!(parse("time_daily", "24").is_err() && parse("time_daily", "").is_err());
        assert_eq!(parse("time_weekly", "friday"), Ok(Trigger::Weekly("FRIDAY")));
        assert!(parse("time_weekly", "someday").is_err());
        assert_eq!(parse("on_open", "ignored"), Ok(Trigger::OnOpen));
        assert!(parse("hourly", "").unwrap_err().contains("time_minutes"));
    }

    #[test]
    fn function_names_are_identifiers_and_public() {
        assert_eq!(check_function_name(" sendReport "), Ok("sendReport"));
        for bad in ["", "1abc", "send report", "a-b", "helper_", "f()"] {
            assert!(check_function_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn code_for_each_kind() {
        let weekly = generate(&Trigger::Weekly("MONDAY"), "sendReport");
        assert!(weekly.contains("function createTrigger_sendReport() {"), "{weekly}");
        assert!(weekly.contains(".timeBased()\n    .onWeekDay(ScriptApp.WeekDay.MONDAY)\n    .create();"), "{weekly}");
        let daily = generate(&Trigger::Daily(9), "f");
        assert!(daily.contains(".atHour(9)\n    .everyDays(1)"), "{daily}");
        assert!(generate(&Trigger::EveryMinutes(5), "f").contains(".everyMinutes(5)"));
        assert!(generate(&Trigger::EveryHours(2), "f").contains(".everyHours(2)"));
        let open = generate(&Trigger::OnOpen, "setUpMenu");
        assert!(open.contains("function onOpen(e) {\n  setUpMenu(e);\n}") && !open.contains("newTrigger"), "{open}");
        assert!(generate(&Trigger::OnEdit, "f").contains("function onEdit(e)"));
        assert!(
            generate(&Trigger::OnFormSubmit, "f").contains(".forForm(FormApp.getActiveForm())\n    .onFormSubmit()")
        );
        assert!(
            generate(&Trigger::OnChange, "f").contains(".forSpreadsheet(SpreadsheetApp.getActive())\n    .onChange()")
        );
    }
}
