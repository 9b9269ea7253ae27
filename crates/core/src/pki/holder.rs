//! Who the certificate is for, from НУЦ's role OIDs in extKeyUsage (DOMAIN.md): an individual,
//! or someone acting for a legal entity (its head, with the right to sign, finance, an
//! employee), or an information system.

/// The holder's role as the certificate states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolderRole {
    /// 1.2.398.3.3.4.1.1
    Individual,
    /// 1.2.398.3.3.4.1.2.1
    Head,
    /// 1.2.398.3.3.4.1.2.2
    RightToSign,
    /// 1.2.398.3.3.4.1.2.3
    Finance,
    /// 1.2.398.3.3.4.1.2.5
    Employee,
    /// 1.2.398.3.3.4.1.2.6
    InformationSystem,
    /// 1.2.398.3.3.4.1.2 with no narrower role.
    LegalEntity,
}

const LEGAL_ENTITY_ARC: &str = "1.2.398.3.3.4.1.2.";

const INDIVIDUAL: &str = "1.2.398.3.3.4.1.1";
const LEGAL_ENTITY: &str = "1.2.398.3.3.4.1.2";

/// The roles named by the extKeyUsage OIDs `usages` (dotted), narrower ones first; the bare
/// legal-entity mark only when no narrower legal-entity role is given.
pub fn holder_roles(usages: &[&str]) -> Vec<HolderRole> {
    let mut roles: Vec<HolderRole> = usages
        .iter()
        .filter_map(|dotted| {
            if *dotted == INDIVIDUAL {
                return Some(HolderRole::Individual);
            }
            match dotted.strip_prefix(LEGAL_ENTITY_ARC)? {
                "1" => Some(HolderRole::Head),
                "2" => Some(HolderRole::RightToSign),
                "3" => Some(HolderRole::Finance),
                "5" => Some(HolderRole::Employee),
                "6" => Some(HolderRole::InformationSystem),
                _ => None,
            }
        })
        .collect();
    let narrower = roles.iter().any(|role| *role != HolderRole::Individual);
    if usages.contains(&LEGAL_ENTITY) && !narrower {
        roles.push(HolderRole::LegalEntity);
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_from_the_nca_arcs() {
        let cases: &[(&[&str], &[HolderRole])] = &[
            (
                &["1.3.6.1.5.5.7.3.4", INDIVIDUAL],
                &[HolderRole::Individual],
            ),
            (&[LEGAL_ENTITY, "1.2.398.3.3.4.1.2.1"], &[HolderRole::Head]),
            (
                &[LEGAL_ENTITY, "1.2.398.3.3.4.1.2.2"],
                &[HolderRole::RightToSign],
            ),
            (&["1.2.398.3.3.4.1.2.5"], &[HolderRole::Employee]),
            (
                &[LEGAL_ENTITY, "1.2.398.3.3.4.1.2.6"],
                &[HolderRole::InformationSystem],
            ),
            (&[LEGAL_ENTITY], &[HolderRole::LegalEntity]),
            (&["1.2.398.3.3.4.1.2.9", "1.3.6.1.5.5.7.3.2"], &[]),
        ];
        for (usages, expected) in cases {
            assert_eq!(holder_roles(usages), expected.to_vec(), "{usages:?}");
        }
    }
}
