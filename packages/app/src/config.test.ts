import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults that start the embedded database on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.sessionIdleMinutes).toBe(30);
  });

  it('reads PORT, DATABASE_URL and WAYPOINT_DATA_DIR', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      WAYPOINT_DATA_DIR: '/tmp/x',
    });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h:5432/db', dataDir: '/tmp/x' });
  });

  it('names the variable and the bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT .*\(got "abc"\)/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', SESSION_IDLE_MINUTES: '0' });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).toMatch(/PORT[\s\S]*SESSION_IDLE_MINUTES/);
    }
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('trusts no proxy by default, a number of hops, or a list of addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses TRUST_PROXY=true (every hop) with a message saying what to set instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY may not be true: that trusts every hop.*number of proxies.*\(got "true"\)/,
    );
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', '10.0.0.1,evil', '21', '10.0.0.0/8/1'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });

  it('is development with the demo on the embedded database when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ env: 'development', seedOnStart: true });
    expect(loadConfig({ WAYPOINT_SEED_ON_START: 'none' }).seedOnStart).toBe(false);
  });

  it('is production without the demo when DATABASE_URL is set and NODE_ENV is not', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(c).toMatchObject({ env: 'production', seedOnStart: false });
    // Set NODE_ENV, and the demo is still only seeded on PostgreSQL when asked for.
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', NODE_ENV: 'development' })).toMatchObject({
      env: 'development',
      seedOnStart: false,
    });
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://u@h/db',
        NODE_ENV: 'development',
        WAYPOINT_SEED_ON_START: 'demo',
      }),
    ).toMatchObject({ env: 'development', seedOnStart: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ env: 'production', seedOnStart: false });
  });

  it('refuses the demo in production, saying why and what to set', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db', WAYPOINT_SEED_ON_START: 'demo' })).toThrow(
      /WAYPOINT_SEED_ON_START may not be demo in production \(NODE_ENV=production, the default when DATABASE_URL is set\).*Set NODE_ENV=development/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', WAYPOINT_SEED_ON_START: 'demo' })).toThrow(ConfigError);
  });
});
