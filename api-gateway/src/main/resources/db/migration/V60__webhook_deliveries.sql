-- Git webhook deliveries already acted on (X-GitHub-Delivery, X-Gitlab-Event-UUID): a redelivery
-- answers the first delivery's operation and starts nothing. Numbered apart from other V2.. work.
create table webhook_delivery (
    delivery_id  text        primary key,
    operation_id uuid        not null,
    received_at  timestamptz not null
);
