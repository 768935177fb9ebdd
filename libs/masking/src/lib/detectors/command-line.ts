import type { Detector, EmitSpan } from '../detector';
import { Trigger } from '../triggers';
import { isPlaceholderValue } from './placeholder-values';

/**
 * How a tool takes a password: as the token after a flag (`redis-cli -a x`), glued to a flag
 * (`mysql -px`), after `user:` or `user%` in a flag's value (`curl -u user:x`, `smbclient -U
 * user%x`), or as the n-th word after a flag or subcommand (`htpasswd -b file user x`).
 */
interface ToolRule {
  /** The subcommand the flags belong to (`docker login -p`, not `docker run -p 8080:80`). */
  subcommand?: string;
  /** Flags whose next token is the password. */
  next?: readonly string[];
  /** Flags with the password glued on (`-pSECRET`); a bare flag prompts, so nothing follows. */
  glued?: readonly string[];
  /** Flags whose value is `user:password` (or `user%password`). */
  userPassword?: readonly string[];
  /** Subcommands followed by `name value`, where a value is secret when its name says so. */
  settings?: readonly string[];
  /** Flags or subcommands followed by positional words, the last of which is the password. */
  positional?: Readonly<Record<string, number>>;
}

const MYSQL: ToolRule = { glued: ['-p'] };
const LDAP: ToolRule = { next: ['-w'] };
const MONGO: ToolRule = { next: ['-p'] };
const REGISTRY_LOGIN: ToolRule = { subcommand: 'login', next: ['-p'] };

/** Tools by executable name (lower-case, without directory or `.exe`). */
const TOOLS: Readonly<Record<string, ToolRule>> = {
  mysql: MYSQL,
  mysqldump: MYSQL,
  mysqladmin: { glued: ['-p'], positional: { password: 1 } },
  mysqlimport: MYSQL,
  mysqlcheck: MYSQL,
  mysqlshow: MYSQL,
  mysqlpump: MYSQL,
  mariadb: MYSQL,
  'mariadb-dump': MYSQL,
  'redis-cli': { next: ['-a', '--pass'] },
  'valkey-cli': { next: ['-a', '--pass'] },
  sshpass: { next: ['-p'], glued: ['-p'] },
  cqlsh: { next: ['-p'] },
  sqlcmd: { next: ['-P'] },
  bcp: { next: ['-P'] },
  mongo: MONGO,
  mongosh: MONGO,
  mongodump: MONGO,
  mongorestore: MONGO,
  mongoexport: MONGO,
  mongoimport: MONGO,
  docker: REGISTRY_LOGIN,
  podman: REGISTRY_LOGIN,
  buildah: REGISTRY_LOGIN,
  skopeo: REGISTRY_LOGIN,
  helm: REGISTRY_LOGIN,
  oras: REGISTRY_LOGIN,
  az: REGISTRY_LOGIN,
  ldapsearch: LDAP,
  ldapmodify: LDAP,
  ldapadd: LDAP,
  ldapdelete: LDAP,
  ldapmodrdn: LDAP,
  ldapcompare: LDAP,
  ldapwhoami: LDAP,
  ldapexop: LDAP,
  ldappasswd: { next: ['-w', '-s'] },
  curl: { userPassword: ['-u', '--user', '-U', '--proxy-user'] },
  smbclient: { userPassword: ['-U', '--user'] },
  htpasswd: { positional: { '-b': 3, '-bc': 3, '-cb': 3, '-bB': 3, '-Bb': 3, '-bm': 3 } },
  rabbitmqctl: { positional: { add_user: 2, change_password: 2 } },
  net: { positional: { '/user': 1 } },
  'convertto-securestring': { positional: { '': 1 } },
  aws: { subcommand: 'configure', settings: ['set'] },
};

const MAX_TOKEN = 512;
// A short-flag cluster ending in `u` (`curl -su admin:x`) still takes the user:password value.
const CURL_CLUSTER = /^-[a-zA-Z]{1,6}u$/;
// Single-dash long options named for a password: keytool's `-storepass`, `-srckeypass`, openssl's `-passin`.
const PASS_OPTION = /^-[a-z]{0,12}pass(?:word|in|out)?$/i;

// `aws configure set aws_secret_access_key …`: setting names that hold a secret.
const SECRET_SETTING = /secret|token|password/i;
const COMMAND_SEPARATORS = new Set(['|', '||', '&&', ';', '&']);

const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

interface Token {
  start: number;
  end: number;
  /** The token without surrounding quotes. */
  innerStart: number;
  innerEnd: number;
}

/** The token at `start`: a quoted string (to its closing quote) or a run of non-blanks. */
function tokenAt(text: string, start: number): Token {
  const quote = text.charCodeAt(start);
  const limit = Math.min(text.length, start + MAX_TOKEN);
  if (quote === 34 || quote === 39) {
    const close = text.indexOf(String.fromCharCode(quote), start + 1);
    if (close !== -1 && close < limit) {
      return { start, end: close + 1, innerStart: start + 1, innerEnd: close };
    }
  }
  let end = start;
  while (end < limit && !isBlank(text.charCodeAt(end))) end++;
  return { start, end, innerStart: start, innerEnd: end };
}

/**
 * `/usr/bin/mysql` → `mysql`; `sqlcmd.exe` → `sqlcmd`; sudo's `COMMAND=/usr/bin/mysql` → `mysql`;
 * `(ConvertTo-SecureString` → `convertto-securestring`. Anything else with `=` or `,` in it
 * (`dc=example,dc=net`) is an argument, not a command.
 */
function executableName(text: string, token: Token): string {
  let word = text.slice(token.innerStart, token.innerEnd);
  const assignment = /^[A-Z_]{1,16}=/.exec(word);
  if (assignment !== null) word = word.slice(assignment[0].length);
  if (word.includes('=') || word.includes(',')) return '';
  const name = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1);
  const lower = (name.startsWith('(') ? name.slice(1) : name).toLowerCase();
  return lower.endsWith('.exe') ? lower.slice(0, -4) : lower;
}

/** The part of a token after `user:` or `user%`, or undefined when there is none. */
function afterUser(text: string, token: Token): number | undefined {
  for (let i = token.innerStart; i < token.innerEnd; i++) {
    const code = text.charCodeAt(i);
    if (code === 58 || code === 37) return i + 1 < token.innerEnd ? i + 1 : undefined;
  }
  return undefined;
}

class CommandScanner {
  private rule: ToolRule | undefined;
  /** Whether the rule's subcommand (if it has one) has been seen. */
  private active = false;
  /** Positional words still to skip before the password, or -1. */
  private remaining = -1;
  private pending: 'next' | 'user' | 'passphrase' | 'setting' | undefined;
  private previousWasShortFlag = false;

  constructor(
    private readonly text: string,
    private readonly emit: EmitSpan,
  ) {}

  scan(): void {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      if (isBlank(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const token = tokenAt(text, i);
      this.visit(token);
      i = Math.max(token.end, i + 1);
    }
  }

  private visit(token: Token): void {
    const { text } = this;
    if (this.pending !== undefined) {
      const kind = this.pending;
      this.pending = undefined;
      if (kind === 'setting') {
        if (SECRET_SETTING.test(text.slice(token.innerStart, token.innerEnd)))
          this.pending = 'next';
        return;
      }
      if (kind === 'next') this.emitInner(token, token.innerStart);
      else if (kind === 'passphrase') this.emitPassphrase(token);
      else this.emitInner(token, afterUser(text, token));
      return;
    }
    if (this.remaining > 0) {
      this.remaining--;
      if (this.remaining === 0) {
        this.emitInner(token, token.innerStart);
        this.remaining = -1;
      }
      return;
    }
    const word = text.slice(token.innerStart, token.innerEnd);
    if (COMMAND_SEPARATORS.has(word)) {
      this.rule = undefined;
      return;
    }
    const afterShortFlag = this.previousWasShortFlag;
    this.previousWasShortFlag = /^-[A-Za-z]$/.test(word);
    // `docker login -u AWS -p …`: the value of a short flag is no tool name, even when it reads as one.
    const tool = afterShortFlag ? undefined : TOOLS[executableName(text, token)];
    if (tool !== undefined) {
      this.rule = tool;
      this.active = tool.subcommand === undefined;
      const positional = tool.positional?.[''];
      if (positional !== undefined) this.remaining = positional;
      return;
    }
    if (PASS_OPTION.test(word)) {
      this.pending = 'passphrase';
      return;
    }
    const rule = this.rule;
    if (rule === undefined) return;
    if (!this.active) {
      this.active = word === rule.subcommand;
      return;
    }
    if (rule.settings?.includes(word)) {
      this.pending = 'setting';
    } else if (rule.next?.includes(word)) {
      this.pending = 'next';
    } else if (
      rule.userPassword?.includes(word) ||
      (rule.userPassword && CURL_CLUSTER.test(word))
    ) {
      this.pending = 'user';
    } else if (rule.glued?.some((flag) => word.length > flag.length && word.startsWith(flag))) {
      const start = gluedValueStart(text, token);
      const quoted = start > token.innerStart + 2;
      const end = quoted && text.charCodeAt(token.innerEnd - 1) === text.charCodeAt(start - 1);
      this.emitInner({ ...token, innerEnd: end ? token.innerEnd - 1 : token.innerEnd }, start);
    } else {
      this.checkPositional(rule, word);
    }
  }

  private checkPositional(rule: ToolRule, word: string): void {
    if (rule.positional === undefined) return;
    const colon = word.indexOf(':');
    // `/user:EXAMPLE\svc` carries the user in the same token as the switch.
    const key = colon > 0 ? word.slice(0, colon) : word;
    // Windows switches are case-insensitive (`/USER:`); Unix flags are not (`-b` is not `-B`).
    const count = rule.positional[key.startsWith('/') ? key.toLowerCase() : key];
    if (count !== undefined) this.remaining = count;
  }

  private emitInner(token: Token, start: number | undefined): void {
    if (start === undefined || start >= token.innerEnd) return;
    if (isPlaceholderValue(this.text.slice(start, token.innerEnd))) return;
    this.emit('PASSWORD', start, token.innerEnd);
  }

  /** openssl's `pass:x` is the password itself; `env:`, `file:`, `fd:` and `stdin` point elsewhere. */
  private emitPassphrase(token: Token): void {
    const value = this.text.slice(token.innerStart, token.innerEnd);
    if (/^(?:env|file|fd):|^stdin$/.test(value)) return;
    this.emitInner(token, value.startsWith('pass:') ? token.innerStart + 5 : token.innerStart);
  }
}

/** `-pSECRET`, `-p'SECRET'`: the value after the two-character flag, inside any quotes. */
function gluedValueStart(text: string, token: Token): number {
  const start = token.innerStart + 2;
  const quote = text.charCodeAt(start);
  return quote === 34 || quote === 39 ? start + 1 : start;
}

function findCommandPasswords(text: string, emit: EmitSpan): void {
  new CommandScanner(text, emit).scan();
}

/**
 * Passwords on command lines, read the way each tool reads them (see `TOOLS`): `mysql -pSECRET`
 * (but not `mysql -p db`, which prompts), `redis-cli -a x`, `sshpass -p x`, `docker login -p x`,
 * `ldapsearch -w x`, `curl -u user:x`, `smbclient -U user%x`, `htpasswd -b file user x`,
 * keytool's `-storepass x`. `--password x` and `PGPASSWORD=x` are the key/value detector's.
 */
export const commandLineDetector: Detector = {
  types: ['PASSWORD'],
  trigger: Trigger.COMMAND,
  find: findCommandPasswords,
};
