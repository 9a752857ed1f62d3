-- Cloud bills a platform admin imported (AWS CUR, GCP billing export), summed per UTC day: what the
-- nodes (virtual machines) cost and everything else. A later import of the same provider and day
-- replaces it: providers restate a month's report until it is final.
create table bill_import (
    id          bigserial   primary key,
    provider    text        not null check (provider in ('aws-cur', 'gcp-billing')),
    imported_at timestamptz not null,
    imported_by text        not null,
    rows        bigint      not null,
    first_day   date,
    last_day    date,
    currency    char(3)
);

create table bill_daily (
    provider     text          not null,
    day          date          not null,
    node_amount  numeric(24,8) not null,
    other_amount numeric(24,8) not null,
    currency     char(3)       not null,
    import_id    bigint        not null references bill_import,
    primary key (provider, day)
);

-- What Prometheus saw each pod use at a sample (null without Prometheus): an interval is charged
-- for max(request, usage), as OpenCost allocates.
alter table sample_pod add column cpu_usage_cores numeric(20,8);
alter table sample_pod add column memory_usage_gib numeric(20,8);
