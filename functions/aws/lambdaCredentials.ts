import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild
 * alias, see LAMBDA_ALIASES in infra/stacks/constructs/porticoFunction.ts). Lambda hands
 * a function its role's credentials in environment variables, so the SDK's full default
 * chain (SSO, INI files, web identity, process, container metadata: ~130 KB of every
 * bundle) is never used there. Local runs are not bundled and keep the full chain, which
 * also reads the environment first.
 */
export const defaultProvider = (_init?: unknown) => fromEnv();
