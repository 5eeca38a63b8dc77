import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL502',
    name: 'incomplete-endpoint-set',
    severity: 'information',
    description: 'A known set is incomplete in one VPC: ecr.api without ecr.dkr or the reverse; ssm without ssmmessages and ec2messages (Session Manager); ecs without ecs-agent and ecs-telemetry.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
