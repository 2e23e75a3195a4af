export * from './hours.ts'
export * from './point.ts'
export * from './point-view.ts'
export * from './points-query.ts'
