//! The sandbox's own controls (`/sandbox/*`): the SMS inbox, fault injection, phone
//! replacements, forgetting a citizen. Used by tests, demonstrations and the kiosk's SMS panel;
//! a real service does not have them.

use reqwest::Method;

use super::{Client, ClientError, segment};
use crate::domain::Iin;
use crate::protocol::{FaultSettings, PhoneRegistrationResponse, SmsMessage};

impl Client {
    /// Sandbox only: the SMS messages "delivered" to a phone, newest first.
    pub async fn sandbox_sms(&self, phone: &str) -> Result<Vec<SmsMessage>, ClientError> {
        let path = format!("/sandbox/sms?phone={}", phone.replace('+', "%2B"));
        self.send_json::<(), _>(Method::GET, &path, None, None)
            .await
    }

    /// Sandbox only: sets fault injection on the `/v1` routes (tests and demos).
    pub async fn sandbox_set_faults(
        &self,
        faults: &FaultSettings,
    ) -> Result<FaultSettings, ClientError> {
        self.send_json(Method::PUT, "/sandbox/faults", None, Some(faults))
            .await
    }

    /// Sandbox only: decides a phone replacement waiting for an operator.
    pub async fn sandbox_decide_phone(
        &self,
        registration_id: &str,
        decision: &crate::protocol::ModerationRequest,
    ) -> Result<PhoneRegistrationResponse, ClientError> {
        let path = format!("/sandbox/phone-registrations/{}", segment(registration_id));
        self.send_json(Method::POST, &path, None, Some(decision))
            .await
    }

    /// Sandbox only: the SMS messages sent to the phone of one session, newest first (what a
    /// kiosk shows its visitor, never anyone else's).
    pub async fn sandbox_sms_for_session(
        &self,
        session_id: &str,
    ) -> Result<Vec<SmsMessage>, ClientError> {
        let path = format!("/sandbox/sms?session_id={}", segment(session_id));
        self.send_json::<(), _>(Method::GET, &path, None, None)
            .await
    }

    /// Sandbox only: forgets everything about a citizen (sessions, uploads and their files,
    /// SMS, phone registrations, applications): a demo kiosk does it at the end of a visit.
    pub async fn sandbox_forget(&self, iin: &Iin) -> Result<(), ClientError> {
        let path = format!("/sandbox/citizens/{}", segment(iin.as_str()));
        self.send_json::<(), serde_json::Value>(Method::DELETE, &path, None, None)
            .await
            .map(drop)
    }

    /// Sandbox only: every SMS "delivered", newest first.
    pub async fn sandbox_sms_all(&self) -> Result<Vec<SmsMessage>, ClientError> {
        self.send_json::<(), _>(Method::GET, "/sandbox/sms", None, None)
            .await
    }
}
