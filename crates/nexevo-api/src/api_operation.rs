//! The operations of the spec as data.

/// One operation of the spec: what [`crate::OPERATIONS`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiOperation {
    /// The generated method's name, which is also the operation's name in counters, fault
    /// plans and tracing (`create_key`).
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template (`/v1/keys/{key_id}`).
    pub path: &'static str,
    /// The area (the spec tag, and the Cargo feature).
    pub area: &'static str,
    /// Whether the operation needs a credential (all but registering, logging in and resetting
    /// a password do).
    pub requires_auth: bool,
    /// Whether it takes an `Idempotency-Key` header: a call that is not idempotent by itself
    /// (a create, a charge), which the key makes safe to retry.
    pub takes_idempotency_key: bool,
    /// The most bytes its request body may take as JSON (the body schema's
    /// `x-nexevo-max-serialized-bytes`), or `None` when it takes no body. A server reads no
    /// more than this; the SDK refuses a larger body before sending it.
    pub max_request_bytes: Option<u64>,
    /// The statuses the spec documents for its answers, as the spec writes them: exact
    /// (`"409"`) or a range (`"5XX"`).
    pub responses: &'static [&'static str],
}

impl ApiOperation {
    /// Whether the spec documents an answer with `status`, exactly or by its range.
    ///
    /// ```
    /// let create_key = nexevo_api::ApiOperation::by_id("create_key").unwrap();
    /// assert!(create_key.documents(201) && create_key.documents(503));
    /// assert!(!create_key.documents(418));
    /// ```
    pub fn documents(&self, status: u16) -> bool {
        let exact = status.to_string();
        let range = format!("{}XX", status / 100);
        self.responses.iter().any(|documented| {
            *documented == exact || *documented == range || *documented == "default"
        })
    }
}
