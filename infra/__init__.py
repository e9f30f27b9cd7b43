"""The AWS CDK app that deploys abogado (see docs/deploy.md).

Runtime code never imports this package; it only names the runtime's entry points as strings.
"""
