//! Parsing a generated catalog payload: the eCom order and the CRM contact samples into their
//! typed payloads, against parsing the same bytes into `serde_json::Value` (the baseline: what
//! reading the JSON costs before any typing).

// criterion's macros generate undocumented fns.
#![allow(missing_docs)]

use std::hint::black_box;

use backend_events::BackendEvent;
use criterion::{Criterion, criterion_group, criterion_main};

fn sample<E: BackendEvent>() -> &'static [u8] {
    E::SAMPLE
        .expect("every catalog event has a sample")
        .as_bytes()
}

fn parse<E: BackendEvent>(c: &mut Criterion, name: &str) {
    let bytes = sample::<E>();
    // Both must read the sample, or the comparison means nothing.
    serde_json::from_slice::<E::Payload>(bytes).expect("the sample parses");
    let mut group = c.benchmark_group(format!("catalog_parse/{name}"));
    group.bench_function("value", |b| {
        b.iter(|| black_box(serde_json::from_slice::<serde_json::Value>(black_box(bytes)).unwrap()))
    });
    group.bench_function("typed", |b| {
        b.iter(|| black_box(serde_json::from_slice::<E::Payload>(black_box(bytes)).unwrap()))
    });
    group.finish();
}

fn catalog_parse(c: &mut Criterion) {
    parse::<backend_events::wix_ecom::wixEcom::onOrderCreated>(c, "ecom_order_created");
    parse::<backend_events::wix_crm::wixCrm::onContactCreated>(c, "crm_contact_created");
}

criterion_group!(benches, catalog_parse);
criterion_main!(benches);
