-- Transactional outbox: written in the same transaction as the state change it announces.
create table outbox_event (
    seq          bigserial primary key,
    id           uuid        not null unique,   -- the CloudEvents id
    topic        text        not null,
    record_key   text        not null,
    ce_type      text        not null,
    ce_source    text        not null,
    ce_subject   text,
    payload      text        not null,
    traceparent  text,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

-- Wakes the relay at commit time, so publishing does not wait for the next poll.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('slipway_outbox', '');
    return null;
end $$;
create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
