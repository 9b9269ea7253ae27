//! Who the certificate is for, from НУЦ's role OIDs in extKeyUsage (DOMAIN.md): an individual,
//! or someone acting for a legal entity (its head, with the right to sign, finance, an
//! employee), or an information system.

use super::inspect::ExtendedKeyUsage;

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

/// The roles named in `usages`, narrower ones first; the bare legal-entity mark only when no
/// narrower legal-entity role is given.
pub fn holder_roles(usages: &[ExtendedKeyUsage]) -> Vec<HolderRole> {
    let mut roles: Vec<HolderRole> = usages
        .iter()
        .filter_map(|usage| match usage {
            ExtendedKeyUsage::NcaIndividual => Some(HolderRole::Individual),
            ExtendedKeyUsage::Other(dotted) => match dotted.strip_prefix(LEGAL_ENTITY_ARC)? {
                "1" => Some(HolderRole::Head),
                "2" => Some(HolderRole::RightToSign),
                "3" => Some(HolderRole::Finance),
                "5" => Some(HolderRole::Employee),
                "6" => Some(HolderRole::InformationSystem),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let narrower = roles.iter().any(|role| *role != HolderRole::Individual);
    if usages.contains(&ExtendedKeyUsage::NcaLegalEntity) && !narrower {
        roles.push(HolderRole::LegalEntity);
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExtendedKeyUsage as E;

    #[test]
    fn roles_come_from_the_nca_arcs() {
        let other = |s: &str| E::Other(s.to_owned());
        let cases: &[(Vec<E>, Vec<HolderRole>)] = &[
            (
                vec![E::EmailProtection, E::NcaIndividual],
                vec![HolderRole::Individual],
            ),
            (
                vec![E::NcaLegalEntity, other("1.2.398.3.3.4.1.2.1")],
                vec![HolderRole::Head],
            ),
            (
                vec![E::NcaLegalEntity, other("1.2.398.3.3.4.1.2.2")],
                vec![HolderRole::RightToSign],
            ),
            (
                vec![other("1.2.398.3.3.4.1.2.5")],
                vec![HolderRole::Employee],
            ),
            (
                vec![E::NcaLegalEntity, other("1.2.398.3.3.4.1.2.6")],
                vec![HolderRole::InformationSystem],
            ),
            (vec![E::NcaLegalEntity], vec![HolderRole::LegalEntity]),
            (vec![other("1.2.398.3.3.4.1.2.9"), E::ClientAuth], vec![]),
        ];
        for (usages, expected) in cases {
            assert_eq!(&holder_roles(usages), expected, "{usages:?}");
        }
    }
}
