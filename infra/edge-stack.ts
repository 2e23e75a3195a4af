import { Stack, type StackProps } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import { EdgeWebAcl, type EdgeWebAclProps } from './constructs/edge-web-acl.ts'

/** What must live in us-east-1 for CloudFront: the web ACL. The main stack references it. */
export class EdgeStack extends Stack {
  public readonly webAcl: EdgeWebAcl

  constructor(scope: Construct, id: string, props: StackProps & { readonly webAcl?: EdgeWebAclProps }) {
    super(scope, id, props)
    if (props.env?.region !== 'us-east-1') throw new Error(`EdgeStack: a CloudFront web ACL must be in us-east-1, got ${props.env?.region ?? 'no region'}`)
    this.webAcl = new EdgeWebAcl(this, 'WebAcl', props.webAcl)
  }
}
