-- The apps deploy-service reported (DeployCompleted) per environment: a read model for the app
-- count of lists and the "what was removed" of a teardown. deploy-service owns the apps themselves.
create table environment_app (
    team        text        not null,
    environment text        not null,
    app         text        not null,
    revision    int         not null,
    deployed_at timestamptz not null,
    primary key (team, environment, app)
);
