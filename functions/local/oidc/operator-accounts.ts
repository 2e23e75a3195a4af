import { randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { groupOf, type Role } from '../../../shared/access/roles.ts'

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>

/**
 * The local OpenID provider's accounts (`npm run operator -- add`), kept in `.data/operators.json`,
 * readable by this user only. Passwords are stored as scrypt hashes (Node's own crypto), never
 * as text. On AWS, Amazon Cognito holds the accounts instead and this file does not exist.
 */
export interface OperatorAccount {
  /** The OpenID subject: a random id, stable across e-mail changes. */
  readonly id: string
  readonly email: string
  /** Groups as the token carries them (`admins`, `region-09`, `operator-…`). */
  readonly groups: readonly string[]
  readonly passwordHash: string
  readonly createdAt: string
}

export const accountsFile = (dataDir: string): string => join(dataDir, 'operators.json')
const KEY_LENGTH = 32

export class OperatorAccounts {
  constructor(private readonly file: string) {}

  list(): OperatorAccount[] {
    if (!existsSync(this.file)) return []
    return (JSON.parse(readFileSync(this.file, 'utf8')) as { accounts: OperatorAccount[] }).accounts
  }

  find(id: string): OperatorAccount | undefined {
    return this.list().find((account) => account.id === id)
  }

  findByEmail(email: string): OperatorAccount | undefined {
    const wanted = email.trim().toLowerCase()
    return this.list().find((account) => account.email === wanted)
  }

  /** Adds an account, or gives an existing one another role (its password unchanged unless given). */
  async add(email: string, role: Role, password?: string): Promise<{ account: OperatorAccount; password: string | null }> {
    const normalized = email.trim().toLowerCase()
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalized)) throw new Error(`"${email}" is not an e-mail address`)
    const accounts = this.list()
    const existing = accounts.find((a) => a.email === normalized)
    const newPassword = existing && password === undefined ? null : (password ?? randomBytes(12).toString('base64url'))
    if (newPassword !== null && newPassword.length < 10) throw new Error('a password needs at least 10 characters')
    const account: OperatorAccount = {
      id: existing?.id ?? randomUUID(),
      email: normalized,
      groups: [...new Set([...(existing?.groups ?? []), groupOf(role)])],
      passwordHash: newPassword === null ? existing!.passwordHash : await hashPassword(newPassword),
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    }
    this.save([...accounts.filter((a) => a.email !== normalized), account])
    return { account, password: newPassword }
  }

  remove(email: string): boolean {
    const accounts = this.list()
    const kept = accounts.filter((a) => a.email !== email.trim().toLowerCase())
    if (kept.length === accounts.length) return false
    this.save(kept)
    return true
  }

  /** The account whose e-mail and password these are, or undefined (same time either way). */
  async authenticate(email: string, password: string): Promise<OperatorAccount | undefined> {
    const account = this.findByEmail(email)
    // A made-up hash for unknown e-mails, so the answer takes as long and says nothing of who exists.
    const ok = await verifyPassword(password, account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH)
    return ok && account ? account : undefined
  }

  private save(accounts: OperatorAccount[]): void {
    mkdirSync(dirname(this.file), { recursive: true })
    const temporary = `${this.file}.tmp`
    writeFileSync(temporary, JSON.stringify({ accounts }, null, 2), { mode: 0o600 })
    renameSync(temporary, this.file)
  }
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scrypt(password, salt, KEY_LENGTH)
  return `scrypt:${salt.toString('base64url')}:${hash.toString('base64url')}`
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split(':')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), KEY_LENGTH)
  return timingSafeEqual(actual, expected)
}

const UNKNOWN_ACCOUNT_HASH = `scrypt:${randomBytes(16).toString('base64url')}:${randomBytes(KEY_LENGTH).toString('base64url')}`
