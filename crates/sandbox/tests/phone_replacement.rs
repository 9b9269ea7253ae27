//! Nobody takes over a citizen by naming a new phone: replacing a registered number waits for
//! an operator, codes keep going to the current number meanwhile, and an approved Digital ID
//! from before the change is not carried over to sessions after it. Also the controls a kiosk
//! uses: the SMS of one session's phone only, and forgetting a citizen.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use common::client::{identify, log_in};
use common::{citizen, data_dir, start};
use qoltanba_core::client::Client;
use qoltanba_core::domain::{IdempotencyKey, OtpCode, Phone};
use qoltanba_core::protocol::{
    ModerationDecision, ModerationRequest, PhoneRegistrationStatus, VerificationStatus,
};

const STRANGER: &str = "+77019998877";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_phone_is_replaced_only_by_an_operator_and_the_identity_stays_behind() {
    let sandbox = start().await;
    let person = citizen("approve");
    let own = Phone::parse(person.phone.unwrap()).unwrap();
    let client = Client::new(&sandbox.base, None).unwrap();
    // The citizen's Digital ID is approved.
    let first = log_in(&sandbox, &client, person).await;
    identify(&client, &first).await;
    assert_eq!(
        client.verification(&first).await.unwrap().status,
        VerificationStatus::Approved
    );

    // Someone names a new number for this IIN.
    let stranger = Phone::parse(STRANGER).unwrap();
    let asked = client
        .register_phone(&person.iin, &stranger, &IdempotencyKey::new())
        .await
        .unwrap();
    assert_eq!(asked.status, PhoneRegistrationStatus::PendingOperatorCall);
    let created = client
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    let masked = created.masked_phone.unwrap().replace(' ', "");
    assert!(
        masked.ends_with(&own.e164()[own.e164().len() - 2..]),
        "the code goes to the citizen's own number, not {masked}"
    );
    let stranger_inbox = client.sandbox_sms(stranger.e164()).await.unwrap();
    assert!(stranger_inbox.is_empty(), "{stranger_inbox:?}");
    assert_eq!(
        client
            .phone_registration(&asked.registration_id)
            .await
            .unwrap()
            .status,
        PhoneRegistrationStatus::PendingOperatorCall
    );

    // The operator confirms after the video call: the new number counts from now on, but the
    // approved Digital ID from before the change is not handed to it.
    let decided = client
        .sandbox_decide_phone(
            &asked.registration_id,
            &ModerationRequest {
                decision: ModerationDecision::Approve,
                reason: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(decided.status, PhoneRegistrationStatus::Registered);
    let after = client
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    let code = sandbox.latest_code(stranger.e164()).await;
    let session = client
        .verify_otp(
            &after.session_id,
            &OtpCode::parse(&code).unwrap(),
            &IdempotencyKey::new(),
        )
        .await
        .unwrap();
    assert_eq!(session.identity, None, "identification starts over");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_number_is_registered_at_once_and_a_refused_replacement_changes_nothing() {
    let sandbox = start().await;
    let client = Client::new(&sandbox.base, None).unwrap();
    let unregistered = qoltanba_sandbox::citizens()
        .iter()
        .find(|c| c.phone.is_none())
        .unwrap();
    let phone = Phone::parse("+77015550011").unwrap();
    let first = client
        .register_phone(&unregistered.iin, &phone, &IdempotencyKey::new())
        .await
        .unwrap();
    assert_eq!(first.status, PhoneRegistrationStatus::Registered);

    let other = Phone::parse("+77015550022").unwrap();
    let asked = client
        .register_phone(&unregistered.iin, &other, &IdempotencyKey::new())
        .await
        .unwrap();
    assert_eq!(asked.status, PhoneRegistrationStatus::PendingOperatorCall);
    client
        .sandbox_decide_phone(
            &asked.registration_id,
            &ModerationRequest {
                decision: ModerationDecision::Reject,
                reason: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        client
            .phone_registration(&asked.registration_id)
            .await
            .unwrap()
            .status,
        PhoneRegistrationStatus::Rejected
    );
    let created = client
        .create_session(&unregistered.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    assert!(created.phone_registered);
    assert!(
        client.sandbox_sms(other.e164()).await.unwrap().is_empty(),
        "nothing went to the refused number"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_sees_only_its_visitors_sms_and_a_forgotten_citizen_leaves_nothing() {
    let sandbox = start().await;
    let client = Client::new(&sandbox.base, None).unwrap();
    let visitor = citizen("approve");
    let other = citizen("moderation");
    let session = log_in(&sandbox, &client, visitor).await;
    identify(&client, &session).await;
    log_in(&sandbox, &client, other).await;

    let seen = client.sandbox_sms_for_session(&session.id).await.unwrap();
    let own = Phone::parse(visitor.phone.unwrap()).unwrap();
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|sms| sms.phone == own.e164()),
        "another citizen's code was shown: {seen:?}"
    );
    let uploads = data_dir(&sandbox).join("uploads").join(&session.id);
    assert!(uploads.is_dir(), "the visit left uploads");

    client.sandbox_forget(&visitor.iin).await.unwrap();
    assert!(!uploads.exists(), "the upload files are gone");
    assert!(client.sandbox_sms(own.e164()).await.unwrap().is_empty());
    let db = rusqlite::Connection::open(data_dir(&sandbox).join("sandbox.db")).unwrap();
    let sessions: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM sessions WHERE iin = ?1",
            [visitor.iin.as_str()],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(sessions, 0);
    // The other citizen is untouched.
    let other_phone = Phone::parse(other.phone.unwrap()).unwrap();
    assert!(
        !client
            .sandbox_sms(other_phone.e164())
            .await
            .unwrap()
            .is_empty()
    );
}
