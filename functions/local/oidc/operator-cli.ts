import { parseArgs } from 'node:util'
import { parseRole, rolesOf } from '../../../shared/access/roles.ts'
import { DEFAULT_DATA_DIR } from '../open-local-registry.ts'
import { accountsFile, OperatorAccounts } from './operator-accounts.ts'

const USAGE = `Uso / usage:
  npm run operator -- add EMAIL --role admin|region:NN|operator:NN:SLUG [--password PASSWORD]
  npm run operator -- list
  npm run operator -- remove EMAIL

Local accounts of the operators' console (npm start, sign-in at /gestione/). Roles:
  admin                           national admin: every point
  region:09                       region editor: the points of one ISTAT region (09 = Toscana)
  operator:10:comune-di-perugia   point operator: the points in region 10 whose operator is "Comune di Perugia"
Adding a role to an existing account keeps its other roles (and its password, unless given). Without
--password a random one is made and printed once. On AWS the accounts are in Amazon Cognito
(docs/operators.md).`

async function main(): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, email] = positionals
  if (values.help || command === undefined) {
    console.error(USAGE)
    return values.help ? 0 : 2
  }
  const accounts = new OperatorAccounts(accountsFile(DEFAULT_DATA_DIR))
  if (command === 'list') {
    for (const account of accounts.list()) {
      const roles = rolesOf(account.groups).map((r) => (r.kind === 'admin' ? 'admin' : r.kind === 'region' ? `region:${r.region}` : `operator:${r.region}:${r.operator}`))
      console.log(`${account.email}\t${roles.join(', ')}`)
    }
    return 0
  }
  if (command === 'add') {
    if (!email) return usageError('add needs an e-mail address')
    const role = values.role === undefined ? null : parseRole(values.role)
    if (!role) return usageError(values.role === undefined ? 'add needs --role' : `--role: "${values.role}" is not admin, region:NN or operator:NN:SLUG (the region's two-digit ISTAT code, then the operator's name as a slug)`)
    try {
      const { account, password } = await accounts.add(email, role, values.password)
      console.log(`Account ${account.email}: ruoli / roles ${account.groups.join(', ')}`)
      if (password && values.password === undefined) console.log(`Password (mostrata una volta sola / shown once): ${password}`)
      // This command cannot know which port a running `npm start` took: it says where to look, not a guess.
      console.log('Accedi / sign in: /gestione/ sul server di npm start / on the npm start server (http://localhost:3000/gestione/, or the PORT it was started with)')
      return 0
    } catch (error) {
      return usageError(error instanceof Error ? error.message : String(error))
    }
  }
  if (command === 'remove') {
    if (!email) return usageError('remove needs an e-mail address')
    if (!accounts.remove(email)) return usageError(`no account "${email}"`)
    console.log(`Account ${email} rimosso / removed`)
    return 0
  }
  return usageError(`unknown command "${command}"`)
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`)
  return 2
}

process.exitCode = await main()
