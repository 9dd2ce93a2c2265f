//! Handlers of catalog events, reached as the platform delivers: signed webhooks of generated
//! events, and the older `wixCrm.onFormSubmit` beside them. Apart from `catalog`, whose generic
//! runs would reach these handlers with payloads they do not expect.

mod webhooks;
mod wix_crm;
