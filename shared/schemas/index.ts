export * from './hours.ts'
export * from './point.ts'
