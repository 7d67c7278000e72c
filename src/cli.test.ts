import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

async function run(argv: string[], environment: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli({
    argv,
    environment: { NODE_ENV: 'test', ...environment },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the alliance87 command', () => {
  it('lists its commands with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('migrate');
    expect(result.out).toContain('demo:load');
    expect(result.out).toContain('backup');
    expect(result.out).toContain('restore');
  });

  it('explains one command with <command> --help', async () => {
    const result = await run(['migrate', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: alliance87 migrate');
  });

  it('refuses an unknown command or option clearly', async () => {
    const unknown = await run(['explode']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command “explode”');
    const option = await run(['migrate', '--force']);
    expect(option.code).toBe(2);
    expect(option.err).toContain("Unknown option '--force'");
  });

  it('refuses users:create without a valid e-mail or role, naming the options', async () => {
    const result = await run(['users:create', '--email', 'not-an-address', '--role', 'king']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--email');
    expect(result.err).toContain('--role');
    expect(result.err).toContain('Usage: alliance87 users:create');
  });

  it('stops on an invalid configuration with the list of problems', async () => {
    const result = await run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('Invalid configuration');
    expect(result.err).toContain('DATABASE_URL');
  });
});
