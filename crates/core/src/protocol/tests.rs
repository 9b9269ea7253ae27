use super::*;

#[test]
fn error_codes_round_trip_in_snake_case() {
    for code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap_or_default();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        let back: ErrorCode = serde_json::from_str(&json).unwrap_or(ErrorCode::Unknown);
        assert_eq!(back, code);
        assert!((400..600).contains(&code.http_status()));
    }
}

#[test]
fn unknown_error_code_is_tolerated() {
    let error: ApiError = serde_json::from_str(r#"{"code":"brand_new","message":"x"}"#)
        .unwrap_or_else(|_| ApiError::new(ErrorCode::Internal, "did not parse"));
    assert_eq!(error.code, ErrorCode::Unknown);
}

#[test]
fn retry_after_is_omitted_when_absent() {
    let json = serde_json::to_string(&ApiError::new(ErrorCode::OtpInvalid, "wrong code"))
        .unwrap_or_default();
    assert_eq!(json, r#"{"code":"otp_invalid","message":"wrong code"}"#);
    let json = serde_json::to_string(
        &ApiError::new(ErrorCode::ResendTooSoon, "wait").with_retry_after(42),
    )
    .unwrap_or_default();
    assert!(json.contains(r#""retry_after":42"#));
}

#[test]
fn statuses_are_snake_case() {
    let json = serde_json::to_string(&VerificationStatus::Moderation).unwrap_or_default();
    assert_eq!(json, "\"moderation\"");
    let json = serde_json::to_string(&StorageKind::Pkcs12).unwrap_or_default();
    assert_eq!(json, "\"pkcs12\"");
    let json =
        serde_json::to_string(&PhoneRegistrationStatus::PendingOperatorCall).unwrap_or_default();
    assert_eq!(json, "\"pending_operator_call\"");
}
