// Ready-made sets of endpoints for common private workloads. Gateway services (s3) become
// Gateway endpoints with the VPC's route tables.

export interface Bundle {
  id: string;
  label: string;
  detail: string;
  services: string[];
}

export const BUNDLES: readonly Bundle[] = [
  {
    id: 'ecr',
    label: 'ECR image pulls',
    detail: 'ecr.api, ecr.dkr, the S3 gateway (image layers), logs',
    services: ['ecr.api', 'ecr.dkr', 's3', 'logs'],
  },
  {
    id: 'ssm',
    label: 'Session Manager',
    detail: 'ssm, ssmmessages, ec2messages',
    services: ['ssm', 'ssmmessages', 'ec2messages'],
  },
  {
    id: 'eks',
    label: 'EKS private cluster',
    detail: 'ec2, ecr.api, ecr.dkr, S3 gateway, sts, logs, elasticloadbalancing, autoscaling, eks, eks-auth',
    services: ['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'logs', 'elasticloadbalancing', 'autoscaling', 'eks', 'eks-auth'],
  },
  {
    id: 'ecs',
    label: 'ECS (Fargate or EC2) without NAT',
    detail: 'ecs, ecs-agent, ecs-telemetry, ecr.api, ecr.dkr, S3 gateway, logs',
    services: ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr', 's3', 'logs'],
  },
];
