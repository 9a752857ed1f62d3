-- The preview's URL, to be posted as a comment on its pull request once the preview is up (issue 6
-- §4). Written with the webhook's command in one transaction (an outbox for the git host's API);
-- PreviewComments posts it, retrying with backoff, once per operation.
create table preview_comment (
    operation_id    uuid        primary key references operation (id),
    team            text        not null,
    provider        text        not null,   -- github, gitlab
    repository      text        not null,   -- acme/checkout
    number          integer     not null,   -- the pull (merge) request
    url             text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    posted_at       timestamptz,
    last_error      text
);
create index preview_comment_due on preview_comment (next_attempt_at) where posted_at is null;
