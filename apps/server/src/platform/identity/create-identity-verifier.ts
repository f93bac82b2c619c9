import type { Config } from '../config.ts';
import { DevIdentityVerifier } from './dev-identity-verifier.ts';
import type { IdentityVerifier } from './identity-verifier.ts';

/** Only the development provider exists so far; a real one plugs in here by config. */
export function createIdentityVerifier(config: Config): IdentityVerifier {
  switch (config.idvProvider) {
    case 'dev':
      return new DevIdentityVerifier();
  }
}
