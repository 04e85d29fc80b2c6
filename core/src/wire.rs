use serde::Serialize;
use specta::Type;

/// The small set of error codes the UI branches on. A code is added only when the UI needs to
/// treat it differently; everything else is `Internal` with a message for the user.
#[derive(Debug, Clone, Copy, Serialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Offline,
    AuthExpired,
    RateLimited,
    InvalidInput,
    NotFound,
    Conflict,
    Internal,
}

/// The error every command returns on the wire: a stable code and a message that says what to
/// do next.
#[derive(Debug, Clone, Serialize, Type, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct WireError {
    pub code: ErrorCode,
    pub message: String,
}

impl WireError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<crate::SettingsError> for WireError {
    fn from(error: crate::SettingsError) -> Self {
        Self::new(ErrorCode::Internal, error.to_string())
    }
}

impl From<crate::ReadingListError> for WireError {
    fn from(error: crate::ReadingListError) -> Self {
        Self::new(ErrorCode::Internal, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let error = WireError::new(ErrorCode::InvalidInput, "Type a subject");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid_input", "message": "Type a subject"})
        );
    }
}
