-- Expiry of idle non-production environments: pinned ones never expire, an extension sets the
-- earliest expiry, and the warning (EnvironmentExpiring) is remembered so it goes out once.
alter table environment
    add column pinned           boolean     not null default false,
    add column extended_until   timestamptz,
    add column expiry_warned_at timestamptz;
