/**
 * The CDK app (`npx cdk synth`, `npm run deploy`). Offline and without credentials it still
 * synthesises: the account stays unresolved and the region is eu-south-1 (Milan) unless `-c region=…` says otherwise.
 */
import { createPuntoVicinoApp } from './create-app.ts'

const { app } = await createPuntoVicinoApp()
app.synth()
