//! What a person is told with their data (AVG/GDPR art. 15(1)(a) and (d)): why Samenspel holds
//! each part of it, and for how long.

use serde_json::{Value, json};

use super::Privacy;

/// Why Samenspel holds each part of the document.
pub fn purposes() -> Value {
    json!({
        "person": "To show who takes part in the learning communities, and to let the admins of the person's organisation reach them (the email is seen by those admins and platform admins only).",
        "memberships": "To show who takes part in which workgroup.",
        "contributions": "To share what was learned within and beyond the coalition; the attribution decides who sees the author.",
        "questions": "To show who asked a learning question.",
        "auditEvents": "Accountability: who changed what and when, read by the organisation's and the platform's admins.",
    })
}

/// How long each part is kept, with the periods this service is configured with.
pub fn retention(privacy: &Privacy) -> Value {
    json!({
        "person": "Until the organisation deletes the person or has their data erased.",
        "memberships": "Until the person leaves the workgroup, or their data is erased.",
        "contributions": "As long as the coalition keeps its knowledge; erasure keeps the content without the person.",
        "questions": "As long as the coalition keeps its knowledge; erasure keeps the question without the person.",
        "auditEvents": format!("{} days", privacy.audit_retention_days),
        "changeEvents": format!("{} days; they name records by ID, never their content", privacy.change_retention_days),
        "backups": "As long as the operator of this service keeps its backups (see its privacy statement).",
    })
}
