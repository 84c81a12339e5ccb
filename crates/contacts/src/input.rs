//! The contact fields a tool call may carry, shared by manage_contact and both batch shapes.
//! Nested entry types refuse unknown keys (their schemas say `additionalProperties: false`).

use schemars::JsonSchema;
use serde::Deserialize;

/// Typed input for a phone entry.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneInput {
    /// Phone number value.
    pub number: Option<String>,
    /// Backward-compatible alias for the phone number value.
    pub value: Option<String>,
    /// Phone type such as mobile, work, home, or internal.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Typed input for an email entry.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailInput {
    /// Email address value.
    pub address: Option<String>,
    /// Backward-compatible alias for the email address value.
    pub value: Option<String>,
    /// Email type such as work, home, or other.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Typed input for an organization entry.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationInput {
    /// Organization name.
    pub name: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Department name.
    pub department: Option<String>,
    /// Optional organization job description.
    #[serde(rename = "jobDescription")]
    pub job_description: Option<String>,
    /// Organization type such as work or school.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Typed input for a nickname entry.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NicknameInput {
    /// The nickname, e.g. an alternative spelling or script of the name.
    pub value: String,
    /// Nickname type such as default, alternate_name, maiden_name, initials, or other.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Typed input for a URL entry.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UrlInput {
    /// The URL, e.g. https://example.com.
    pub value: String,
    /// URL type such as homepage, blog, profile, work, ftp, reservations, or other.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Typed input for a custom field (userDefined) entry.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserDefinedInput {
    /// The field's key, e.g. 'Account Number'.
    pub key: String,
    /// The field's value; may be left out in remove mode, where only the key counts.
    #[serde(default)]
    pub value: String,
}

/// Typed input for a relation entry (spouse, parent, child, etc.).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationInput {
    /// The related person's name.
    pub person: String,
    /// Relation type: spouse, child, parent, friend, manager, assistant, partner, or custom.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// The contact fields of one tool input, owned, whatever shape carried them.
#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub phones: Option<Vec<PhoneInput>>,
    pub emails: Option<Vec<EmailInput>>,
    pub organizations: Option<Vec<OrganizationInput>>,
    pub nicknames: Option<Vec<NicknameInput>>,
    pub urls: Option<Vec<UrlInput>>,
    pub user_defined: Option<Vec<UserDefinedInput>>,
    pub relations: Option<Vec<RelationInput>>,
    pub notes: Option<String>,
    pub address: Option<String>,
    pub birthday: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub organization: Option<String>,
    pub job_title: Option<String>,
}

/// Declares a parameters struct with every contact field (plus the given ones first) and its
/// `contact()` view. One list, so the three shapes that carry contacts cannot drift apart.
macro_rules! with_contact_fields {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// First name.
            pub given_name: Option<String>,
            /// Last name.
            pub family_name: Option<String>,
            /// Phone numbers, each {number, type?}. type "internal" keeps a short PBX extension
            /// (e.g. 250) as it is, without a + prefix.
            pub phones: Option<Vec<$crate::input::PhoneInput>>,
            /// Email addresses, each {address, type?}.
            pub emails: Option<Vec<$crate::input::EmailInput>>,
            /// Organizations, each {name?, title?, department?, jobDescription?, type?}.
            pub organizations: Option<Vec<$crate::input::OrganizationInput>>,
            /// Nicknames, each {value, type?}; phones and assistants search them too, handy
            /// for a name's other script or spelling.
            pub nicknames: Option<Vec<$crate::input::NicknameInput>>,
            /// Web addresses, each {value, type?}.
            pub urls: Option<Vec<$crate::input::UrlInput>>,
            /// Custom fields, each {key, value}.
            pub user_defined: Option<Vec<$crate::input::UserDefinedInput>>,
            /// Related people, each {person, type?}.
            pub relations: Option<Vec<$crate::input::RelationInput>>,
            /// Notes about the contact (replaces the existing notes; "" clears them).
            pub notes: Option<String>,
            /// Street address, replacing any existing addresses; "" clears them.
            pub address: Option<String>,
            /// Birthday as 'YYYY-MM-DD', 'MM-DD' (no year), or 'clear'/'' to remove.
            pub birthday: Option<String>,
            /// Deprecated: one phone number; use phones.
            pub phone: Option<String>,
            /// Deprecated: one email address; use emails.
            pub email: Option<String>,
            /// Deprecated: a company name; use organizations.
            pub organization: Option<String>,
            /// Deprecated: a job title; use organizations.
            pub job_title: Option<String>,
        }

        impl $name {
            /// The contact fields of this input.
            pub fn contact(&self) -> $crate::input::ContactInput {
                $crate::input::ContactInput {
                    given_name: self.given_name.clone(),
                    family_name: self.family_name.clone(),
                    phones: self.phones.clone(),
                    emails: self.emails.clone(),
                    organizations: self.organizations.clone(),
                    nicknames: self.nicknames.clone(),
                    urls: self.urls.clone(),
                    user_defined: self.user_defined.clone(),
                    relations: self.relations.clone(),
                    notes: self.notes.clone(),
                    address: self.address.clone(),
                    birthday: self.birthday.clone(),
                    phone: self.phone.clone(),
                    email: self.email.clone(),
                    organization: self.organization.clone(),
                    job_title: self.job_title.clone(),
                }
            }
        }
    };
}
pub(crate) use with_contact_fields;

with_contact_fields! {
    /// Typed batch-create input for a contact.
    #[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct BatchContact {}
}

with_contact_fields! {
    /// Typed batch-update input for a contact: its id and the new value of the batch's field.
    #[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct BatchUpdate {
        /// Contact id like "c123" or resource name like "people/c123".
        pub contact_id: String,
    }
}
