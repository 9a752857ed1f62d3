-- The price list costs are computed from. Rows are never updated: a new price is a new row from its
-- valid_from on, so a past month's report is recomputed with the prices of that month.
create table price (
    id         bigserial     primary key,
    -- What is billed: vcpu (per vCPU-hour) or memory (per GiB-hour) of requested resources.
    resource   text          not null check (resource in ('vcpu', 'memory')),
    unit       text          not null check (unit in ('vCPU-hour', 'GiB-hour')),
    amount     numeric(12,6) not null check (amount >= 0),
    currency   char(3)       not null,
    -- 'default' for this seed; 'config' or a billing export (aws-cur, gcp-billing) later.
    source     text          not null,
    valid_from timestamptz   not null,
    unique (resource, valid_from)
);

-- The default list: on-demand general-purpose instance prices split into a vCPU part and a memory
-- part (roughly AWS m5 in us-east-1), so showback works before any billing export is connected.
insert into price (resource, unit, amount, currency, source, valid_from) values
    ('vcpu',   'vCPU-hour', 0.031611, 'USD', 'default', timestamptz '1970-01-01 00:00:00+00'),
    ('memory', 'GiB-hour',  0.004237, 'USD', 'default', timestamptz '1970-01-01 00:00:00+00');
