// Package v1 stands in for k8s.io/apimachinery/pkg/apis/meta/v1 (its package name is v1):
// the LabelSelector fields in their v0.33.0 order, so that go-cmp prints v1.LabelSelector.
package v1

type LabelSelectorOperator string

type LabelSelector struct {
	MatchLabels      map[string]string          `json:"matchLabels,omitempty"`
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}

type LabelSelectorRequirement struct {
	Key      string                `json:"key"`
	Operator LabelSelectorOperator `json:"operator"`
	Values   []string              `json:"values,omitempty"`
}
