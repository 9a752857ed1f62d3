-- Defaults now live in configuration (slipway.cost.prices.*): a row is a price an admin set, in
-- force from valid_from until the next row of the same resource.
delete from price where source = 'default';
alter table price drop constraint price_resource_check;
alter table price drop constraint price_unit_check;
alter table price add constraint price_resource_check
    check (resource in ('vcpu', 'memory', 'storage', 'namespace'));
alter table price add constraint price_unit_check
    check (unit in ('vCPU-hour', 'GiB-hour', 'GiB-month', 'namespace-month'));
alter table price add column set_by text;

-- One row per sample; capacity is null when the nodes were not visible.
create table sample_run (
    sampled_at          timestamptz   primary key,
    capacity_cpu        numeric(20,8),
    capacity_memory_gib numeric(20,8)
);

create table sample_namespace (
    sampled_at  timestamptz not null references sample_run on delete cascade,
    namespace   text        not null,
    team        text        not null,
    environment text        not null,
    primary key (sampled_at, namespace)
);

-- Effective requests of each scheduled pod of a Slipway namespace at one sample.
create table sample_pod (
    sampled_at  timestamptz   not null references sample_run on delete cascade,
    uid         text          not null,
    namespace   text          not null,
    team        text          not null,
    environment text          not null,
    app         text          not null,
    pod         text          not null,
    created_at  timestamptz,
    cpu_cores   numeric(20,8) not null,
    memory_gib  numeric(20,8) not null,
    primary key (sampled_at, uid)
);

-- Cost per app, environment and UTC day, added to by every sample (app '' is the environment's
-- overhead). Amounts are priced when accrued, so a later price change never rewrites the past.
create table cost_daily (
    team             text          not null,
    environment      text          not null,
    app              text          not null,
    day              date          not null,
    cpu_core_hours   numeric(24,8) not null,
    memory_gib_hours numeric(24,8) not null,
    amount           numeric(24,8) not null,
    currency         char(3)       not null,
    primary key (team, environment, app, day)
);
create index cost_daily_team_day on cost_daily (team, day);

-- The cluster's capacity per day beside what Slipway's pods requested: the rest is idle.
create table cluster_daily (
    day                 date          primary key,
    capacity_core_hours numeric(24,8) not null,
    capacity_gib_hours  numeric(24,8) not null,
    capacity_amount     numeric(24,8) not null,
    allocated_amount    numeric(24,8) not null,
    currency            char(3)       not null
);

-- Days whose CostComputed went to the outbox: one event per environment and closed day.
create table cost_day_published (
    team         text        not null,
    environment  text        not null,
    day          date        not null,
    published_at timestamptz not null,
    primary key (team, environment, day)
);

-- Monthly budgets: environment '' is the team's budget over all its environments.
create table budget (
    team        text          not null,
    environment text          not null,
    amount      numeric(14,2) not null check (amount > 0),
    updated_at  timestamptz   not null,
    updated_by  text          not null,
    primary key (team, environment)
);

-- Thresholds already announced: BudgetExceeded once per budget, threshold and month.
create table budget_alert (
    team        text        not null,
    environment text        not null,
    month       char(7)     not null,
    threshold   int         not null,
    raised_at   timestamptz not null,
    primary key (team, environment, month, threshold)
);

-- Monthly chargeback reports as generated on the 1st (or on demand for a closed month).
create table monthly_report (
    team         text        not null,
    month        char(7)     not null,
    generated_at timestamptz not null,
    body         text        not null,
    primary key (team, month)
);
