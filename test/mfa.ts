import * as OTPAuth from 'otpauth';
import type { Agent, TestApp } from './test-app.js';

/** A TOTP code for `secret` at the test clock, `steps` periods away. */
export const totpCode = (t: TestApp, secret: string, steps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: t.clock.now().getTime() + steps * 30_000,
  });

/**
 * Enrols TOTP for a signed-in agent through the API (setup, then a code) and moves the test clock one
 * period on, so the next sign-in uses a fresh code. Returns the secret and the ten recovery codes.
 */
export async function enrolTotp(t: TestApp, a: Agent): Promise<{ secret: string; codes: string[] }> {
  const setup = await a.post('/api/auth/mfa/setup');
  if (setup.status !== 200) throw new Error(`mfa setup: ${setup.status} ${JSON.stringify(setup.body)}`);
  const enabled = await a.post('/api/auth/mfa/enable', { otp: totpCode(t, setup.body.secret) });
  if (enabled.status !== 200) throw new Error(`mfa enable: ${enabled.status} ${JSON.stringify(enabled.body)}`);
  t.clock.advance(30_000);
  return { secret: setup.body.secret, codes: enabled.body.codes };
}
