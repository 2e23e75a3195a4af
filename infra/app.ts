/**
 * The CDK app (`npx cdk synth`, `npm run deploy`). Offline and without credentials it still
 * synthesises: the account stays unresolved and the region defaults to eu-south-1 (Milan).
 */
import { createPuntoVicinoApp } from './create-app.ts'

const { app } = await createPuntoVicinoApp()
app.synth()
