"""Alarms: function errors and throttles, dead letters, queue age, the monthly cost budget and
any alarm another part adds with ``watch`` (escalated handoffs); all notify one SNS topic."""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_budgets as budgets
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.config import EnvironmentConfig

# A chat waits behind its oldest message; five minutes means the worker is stuck or failing.
QUEUE_AGE_ALARM_S = 300


class Alarms(Construct):
    """``alarms`` maps a short name to each alarm (tests and dashboards use the names)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: EnvironmentConfig,
        functions: dict[str, lambda_.IFunction],
        queue: sqs.IQueue,
        dead_letters: sqs.IQueue,
    ) -> None:
        super().__init__(scope, construct_id)
        key = kms.Key(self, "TopicKey", enable_key_rotation=True, description="abogado alarm topic")
        # CloudWatch must encrypt what it publishes to the topic.
        key.grant_encrypt_decrypt(iam.ServicePrincipal("cloudwatch.amazonaws.com"))
        self.key = key
        self.topic = sns.Topic(self, "Topic", master_key=key, enforce_ssl=True)
        if config.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(config.alarm_email))
        action = cw_actions.SnsAction(self.topic)
        self.action = action
        five_minutes = Duration.minutes(5)
        self.alarms: dict[str, cw.Alarm] = {}
        for name, function in functions.items():
            self._add(
                f"{name}Errors",
                function.metric_errors(period=five_minutes, statistic="Sum"),
                threshold=1,
                action=action,
            )
            self._add(
                f"{name}Throttles",
                function.metric_throttles(period=five_minutes, statistic="Sum"),
                threshold=1,
                action=action,
            )
        self._add(
            "DeadLetters",
            dead_letters.metric_approximate_number_of_messages_visible(
                period=Duration.minutes(1), statistic="Maximum"
            ),
            threshold=1,
            action=action,
        )
        self.budget = self._budget(config)
        self._add(
            "QueueAge",
            queue.metric_approximate_age_of_oldest_message(
                period=Duration.minutes(1), statistic="Maximum"
            ),
            threshold=QUEUE_AGE_ALARM_S,
            action=action,
        )

    def _budget(self, config: EnvironmentConfig) -> budgets.CfnBudget:
        """The account's monthly cost (one account per environment): 80 % spent, 100 % forecast."""
        budgets_service = iam.ServicePrincipal(
            "budgets.amazonaws.com",
            conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
        )
        self.topic.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[budgets_service],
                actions=["sns:Publish"],
                resources=[self.topic.topic_arn],
            )
        )
        self.key.grant(budgets_service, "kms:GenerateDataKey*", "kms:Decrypt")
        to_topic = budgets.CfnBudget.SubscriberProperty(
            address=self.topic.topic_arn, subscription_type="SNS"
        )
        return budgets.CfnBudget(
            self,
            "MonthlyBudget",
            budget=budgets.CfnBudget.BudgetDataProperty(
                budget_name=f"abogado-{config.name}-monthly",
                budget_type="COST",
                time_unit="MONTHLY",
                budget_limit=budgets.CfnBudget.SpendProperty(
                    amount=config.sizes.monthly_budget_usd, unit="USD"
                ),
            ),
            notifications_with_subscribers=[
                budgets.CfnBudget.NotificationWithSubscribersProperty(
                    notification=budgets.CfnBudget.NotificationProperty(
                        notification_type=kind,
                        comparison_operator="GREATER_THAN",
                        threshold=percent,
                        threshold_type="PERCENTAGE",
                    ),
                    subscribers=[to_topic],
                )
                for kind, percent in (("ACTUAL", 80), ("FORECASTED", 100))
            ],
        )

    def watch(self, name: str, metric: cw.Metric, *, threshold: float) -> cw.Alarm:
        """One more alarm (``metric`` >= ``threshold`` in one period) on the same topic."""
        self._add(name, metric, threshold=threshold, action=self.action)
        return self.alarms[name]

    def _add(
        self, name: str, metric: cw.Metric, *, threshold: float, action: cw.IAlarmAction
    ) -> None:
        alarm = metric.create_alarm(
            self,
            name,
            threshold=threshold,
            evaluation_periods=1,
            comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
            alarm_description=f"abogado: {name}",
        )
        alarm.add_alarm_action(action)
        self.alarms[name] = alarm
