import { describe, expect, it } from 'vitest';
import { decide, identityOf } from './access';

const alice = identityOf({ preferred_username: 'alice', groups: ['/teams/payments/developer'] });
const bob = identityOf({ preferred_username: 'bob', groups: ['/teams/payments/tech-lead'] });
const admin = identityOf({ preferred_username: 'admin', groups: ['/platform-admin'] });

describe('the actions a tier is offered', () => {
  it('reads teams and roles from full group paths', () => {
    expect([...alice.teams.entries()]).toEqual([['payments', ['developer']]]);
    expect(admin.platformAdmin).toBe(true);
    expect(admin.teams.size).toBe(0);
  });

  it("sends a developer's production deploy to approval and lets a tech lead deploy", () => {
    expect(decide(alice, 'payments', 'app.deploy', 'development')).toBe('allow');
    expect(decide(alice, 'payments', 'app.deploy', 'production')).toBe('approval');
    expect(decide(bob, 'payments', 'app.deploy', 'production')).toBe('allow');
  });

  it('offers nothing in a team the user is not in', () => {
    expect(decide(alice, 'search', 'app.deploy', 'development')).toBe('deny');
    expect(decide(alice, 'search', 'environment.create', 'development')).toBe('deny');
  });

  it('never reveals production secrets, not even to platform admins', () => {
    expect(decide(bob, 'payments', 'secret.reveal', 'production')).toBe('deny');
    expect(decide(admin, 'payments', 'secret.reveal', 'production')).toBe('deny');
    expect(decide(alice, 'payments', 'secret.reveal', 'development')).toBe('allow');
  });

  it('keeps production environments and rollbacks away from developers', () => {
    expect(decide(alice, 'payments', 'environment.create', 'production')).toBe('deny');
    expect(decide(alice, 'payments', 'app.rollback', 'production')).toBe('deny');
    expect(decide(bob, 'payments', 'environment.delete', 'production')).toBe('approval');
  });
});
