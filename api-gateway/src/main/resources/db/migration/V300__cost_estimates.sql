-- The monthly cost estimate of each plan the gateway answered, by plan hash, so the approval of a
-- deploy bound to that plan shows what the reviewed change costs (docs/costs.md).
create table plan_cost_estimate (
    plan_hash   text        primary key,
    team        text        not null,
    environment text        not null,
    estimate    text        not null,   -- JSON: available, monthlyAmount, monthlyDelta, currency
    created_at  timestamptz not null
);

alter table approval_request add column cost_estimate text;
