import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL501',
    name: 'ecr-needs-s3-endpoint',
    severity: 'warning',
    description: 'A VPC has an ecr.dkr (or ecr.api) Interface endpoint but no S3 endpoint: image layers come from S3, pulls fail or leave through NAT.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
