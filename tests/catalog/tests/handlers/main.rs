//! Handlers of catalog events, reached as the platform delivers: signed webhooks of generated
//! events, and an `events.js` of the older Velo events, `wixCrm.onFormSubmit` among them. Apart
//! from `catalog`, whose generic runs would reach these handlers with payloads they do not
//! expect.

mod older_events_js;
mod webhooks;
mod wix_crm;
