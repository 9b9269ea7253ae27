//! The sandbox's population register and mobile-citizens database: a dozen fictional people.
//!
//! IINs are built from their parts with [`Iin::from_parts`] (valid check digits, no real
//! person's number is written down); phones use the obviously fake `+7 700 000 00 NN` range.
//! `docs/sandbox.md` lists them; a test fails when the two differ (and prints the table).

use std::sync::OnceLock;

use qoltanba_core::domain::{Iin, Sex};
use qoltanba_core::protocol::DocumentData;

/// What the identity check does for a citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Everything matches: verification is `approved` at once.
    Approve,
    /// The recognised document data differ from the register: verification goes to
    /// `moderation` until an operator decides.
    DocumentMismatch,
    /// The face does not match the register photo: verification is `rejected` with this reason.
    Reject(&'static str),
}

/// A fictional person known to the sandbox.
#[derive(Debug, Clone)]
pub struct Citizen {
    pub iin: Iin,
    /// Upper case, as in the register and on certificates.
    pub surname: &'static str,
    pub given_name: &'static str,
    pub patronymic: Option<&'static str>,
    /// E.164 phone in the mobile-citizens database; `None` = not registered.
    pub phone: Option<&'static str>,
    pub document_number: &'static str,
    pub document_expires: &'static str,
    pub behaviour: Behaviour,
}

impl Citizen {
    /// `SURNAME NAME`, the certificate's CN.
    pub fn common_name(&self) -> String {
        format!("{} {}", self.surname, self.given_name)
    }

    /// `SURNAME NAME PATRONYMIC`.
    pub fn full_name(&self) -> String {
        match self.patronymic {
            Some(patronymic) => format!("{} {} {patronymic}", self.surname, self.given_name),
            None => self.common_name(),
        }
    }

    /// What the "recognition" of the ID card photos yields. For the mismatch fixture the
    /// surname comes out without its Kazakh letter, as a poor OCR would read it.
    pub fn recognised_document(&self) -> DocumentData {
        let (year, month, day) = self.iin.birth_date();
        let surname = match self.behaviour {
            Behaviour::DocumentMismatch => self.surname.replace('Ү', "У"),
            _ => self.surname.to_owned(),
        };
        DocumentData {
            surname,
            given_name: self.given_name.to_owned(),
            patronymic: self.patronymic.map(str::to_owned),
            birth_date: format!("{year:04}-{month:02}-{day:02}"),
            document_number: self.document_number.to_owned(),
            issued_by: "МВД РК".to_owned(),
            expires: self.document_expires.to_owned(),
        }
    }
}

struct Spec {
    birth: (u16, u8, u8),
    sex: Sex,
    serial: u16,
    surname: &'static str,
    given_name: &'static str,
    patronymic: Option<&'static str>,
    phone: Option<&'static str>,
    document_number: &'static str,
    behaviour: Behaviour,
}

const REJECT_REASON: &str = "the face in the video does not match the population register photo";

#[rustfmt::skip]
const SPECS: [Spec; 12] = [
    Spec { birth: (1985, 3, 14), sex: Sex::Male, serial: 9101, surname: "ЖАҚСЫБЕКОВ", given_name: "ЕРЛАН", patronymic: Some("ҚАЙРАТҰЛЫ"), phone: Some("+77000000001"), document_number: "049000001", behaviour: Behaviour::Approve },
    Spec { birth: (1990, 7, 22), sex: Sex::Female, serial: 9102, surname: "ӘБІЛҚАСЫМОВА", given_name: "ГҮЛНӘР", patronymic: Some("СЕРІКҚЫЗЫ"), phone: Some("+77000000002"), document_number: "049000002", behaviour: Behaviour::Approve },
    Spec { birth: (1978, 11, 2), sex: Sex::Male, serial: 9103, surname: "ИВАНОВ", given_name: "СЕРГЕЙ", patronymic: Some("ПЕТРОВИЧ"), phone: Some("+77000000003"), document_number: "049000003", behaviour: Behaviour::Approve },
    Spec { birth: (1995, 1, 30), sex: Sex::Female, serial: 9104, surname: "ПЕТРОВА", given_name: "АННА", patronymic: Some("ВИКТОРОВНА"), phone: Some("+77000000004"), document_number: "049000004", behaviour: Behaviour::Approve },
    Spec { birth: (2001, 5, 9), sex: Sex::Male, serial: 9105, surname: "НҰРМАҒАНБЕТОВ", given_name: "ДӘУЛЕТ", patronymic: Some("ҒАЛЫМҰЛЫ"), phone: Some("+77000000005"), document_number: "049000005", behaviour: Behaviour::Approve },
    Spec { birth: (1988, 12, 1), sex: Sex::Female, serial: 9106, surname: "ӨТЕГЕНОВА", given_name: "ІҢКӘР", patronymic: Some("БОЛАТҚЫЗЫ"), phone: None, document_number: "049000006", behaviour: Behaviour::Approve },
    Spec { birth: (1982, 4, 17), sex: Sex::Male, serial: 9107, surname: "ҚҰРМАНҒАЛИЕВ", given_name: "АСҚАР", patronymic: Some("ТӨЛЕГЕНҰЛЫ"), phone: None, document_number: "049000007", behaviour: Behaviour::Approve },
    Spec { birth: (1999, 9, 9), sex: Sex::Female, serial: 9108, surname: "СМАҒҰЛОВА", given_name: "ӘСЕЛ", patronymic: None, phone: Some("+77000000008"), document_number: "049000008", behaviour: Behaviour::Approve },
    Spec { birth: (1993, 6, 18), sex: Sex::Male, serial: 9109, surname: "ҮСЕНОВ", given_name: "ТИМУР", patronymic: Some("ҺАШИМҰЛЫ"), phone: Some("+77000000009"), document_number: "049000009", behaviour: Behaviour::DocumentMismatch },
    Spec { birth: (1975, 10, 5), sex: Sex::Female, serial: 9110, surname: "КОВАЛЕНКО", given_name: "ОЛЬГА", patronymic: Some("НИКОЛАЕВНА"), phone: Some("+77000000010"), document_number: "049000010", behaviour: Behaviour::Reject(REJECT_REASON) },
    Spec { birth: (1970, 2, 28), sex: Sex::Male, serial: 9111, surname: "ТЕМІРХАНОВ", given_name: "АЙБЕК", patronymic: Some("САПАРҰЛЫ"), phone: Some("+77000000011"), document_number: "049000011", behaviour: Behaviour::Approve },
    Spec { birth: (2003, 8, 15), sex: Sex::Female, serial: 9112, surname: "ДҮЙСЕНБАЕВА", given_name: "МӘДИНА", patronymic: Some("АРМАНҚЫЗЫ"), phone: Some("+77000000012"), document_number: "049000012", behaviour: Behaviour::Approve },
];

/// Builds the IIN, moving to the next serial when a combination's check digit is never
/// issued (so a fixture never silently disappears).
fn build_iin(spec: &Spec) -> Option<Iin> {
    let (year, month, day) = spec.birth;
    (spec.serial..spec.serial.saturating_add(10))
        .find_map(|serial| Iin::from_parts(year, month, day, spec.sex, serial))
}

/// All citizens of the sandbox register.
pub fn citizens() -> &'static [Citizen] {
    static CITIZENS: OnceLock<Vec<Citizen>> = OnceLock::new();
    CITIZENS.get_or_init(|| {
        SPECS
            .iter()
            .filter_map(|spec| {
                Some(Citizen {
                    iin: build_iin(spec)?,
                    surname: spec.surname,
                    given_name: spec.given_name,
                    patronymic: spec.patronymic,
                    phone: spec.phone,
                    document_number: spec.document_number,
                    document_expires: "2034-12-31",
                    behaviour: spec.behaviour,
                })
            })
            .collect()
    })
}

/// The citizen with this IIN, if the register knows one.
pub fn find(iin: &str) -> Option<&'static Citizen> {
    citizens().iter().find(|c| c.iin.as_str() == iin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_twelve_fixtures_have_valid_distinct_iins() {
        let all = citizens();
        assert_eq!(all.len(), 12);
        for citizen in all {
            assert_eq!(Iin::parse(citizen.iin.as_str()).as_ref(), Ok(&citizen.iin));
            assert_eq!(all.iter().filter(|c| c.iin == citizen.iin).count(), 1);
            if let Some(phone) = citizen.phone {
                assert!(
                    qoltanba_core::domain::Phone::parse(phone).is_ok(),
                    "{phone}"
                );
            }
        }
    }

    /// The table of fictional citizens in docs/sandbox.md, made from the fixtures.
    fn docs_table() -> String {
        let mut table = String::from(
            "| IIN | name | phone in the mobile DB | behaviour |\n| --- | --- | --- | --- |\n",
        );
        for c in citizens() {
            let phone = match c.phone {
                // +77000000001 → +7 700 000 00 01
                Some(p) => format!(
                    "{} {} {} {} {}",
                    &p[..2],
                    &p[2..5],
                    &p[5..8],
                    &p[8..10],
                    &p[10..]
                ),
                None => "**not registered**".to_owned(),
            };
            let mut behaviour = match c.behaviour {
                Behaviour::Approve if c.phone.is_none() => {
                    "phone-registration path, then approved".to_owned()
                }
                Behaviour::Approve => "approved".to_owned(),
                Behaviour::DocumentMismatch => format!(
                    "**moderation**: the ID card is \"recognised\" as {}, which differs from the register",
                    c.recognised_document().surname
                ),
                Behaviour::Reject(reason) => format!("**rejected**: \"{reason}\""),
            };
            let (year, _, _) = c.iin.birth_date();
            if year >= 2000 {
                let century = &c.iin.as_str()[6..7];
                behaviour.push_str(&format!(" (born {year}: century digit {century})"));
            }
            if c.patronymic.is_none() {
                behaviour.push_str("; **no patronymic** (CSRs must omit GIVENNAME)");
            }
            table.push_str(&format!(
                "| `{}` | {} | {phone} | {behaviour} |\n",
                c.iin.as_str(),
                c.full_name()
            ));
        }
        table
    }

    #[test]
    fn fixture_table_for_docs() {
        let table = docs_table();
        // Printed for regenerating: `cargo test -p qoltanba-sandbox fixture_table_for_docs --
        // --nocapture`, then paste it over the table in docs/sandbox.md.
        println!("{table}");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/sandbox.md");
        let docs = std::fs::read_to_string(path).unwrap();
        let documented: String = docs
            .lines()
            .skip_while(|line| !line.starts_with("| IIN |"))
            .take_while(|line| line.starts_with('|'))
            .map(|line| format!("{line}\n"))
            .collect();
        assert!(
            documented == table,
            "docs/sandbox.md's table of fictional citizens differs from the fixtures.\n\
             Regenerate it: cargo test -p qoltanba-sandbox fixture_table_for_docs -- --nocapture\n\
             and paste the printed table over the old one.\n\
             In the docs:\n{documented}\nFrom the fixtures:\n{table}"
        );
    }
}
