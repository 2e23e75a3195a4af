import type { Adapter, AdapterPayload } from 'oidc-provider'

/**
 * Where the local provider keeps sessions, codes and grants: in this process's memory, on
 * purpose. `npm start` is one process, a restart signs operators out (their accounts and the
 * signing key are on disk), and nothing here needs to outlive it. Said explicitly rather than
 * left to the library's quick-start default, which warns that it is one.
 */
interface Entry {
  readonly payload: AdapterPayload
  readonly expiresAt: number
}

export function memoryAdapter(): (name: string) => Adapter {
  const entries = new Map<string, Entry>()
  const grants = new Map<string, Set<string>>()
  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key)
      return undefined
    }
    return entry.payload
  }
  return (name) => {
    const key = (id: string) => `${name}:${id}`
    const findBy = (field: 'uid' | 'userCode', value: string) => {
      for (const [k, { payload }] of entries) if (k.startsWith(`${name}:`) && payload[field] === value) return live(k)
      return undefined
    }
    return {
      upsert: async (id, payload, expiresIn) => {
        entries.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY })
        if (payload.grantId) grants.set(payload.grantId, (grants.get(payload.grantId) ?? new Set()).add(key(id)))
      },
      find: async (id) => live(key(id)),
      findByUid: async (uid) => findBy('uid', uid),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      consume: async (id) => {
        const entry = entries.get(key(id))
        if (entry) entries.set(key(id), { ...entry, payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) } })
      },
      destroy: async (id) => void entries.delete(key(id)),
      revokeByGrantId: async (grantId) => {
        for (const k of grants.get(grantId) ?? []) entries.delete(k)
        grants.delete(grantId)
      },
    }
  }
}
