//go:build tools

// Pulls the commands' packages into this wrapper module's build list so that
// `go build k8s.io/kubernetes/cmd/...` resolves with the replaces below.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	_ "k8s.io/kubernetes/cmd/kube-scheduler/app"
	_ "k8s.io/kubectl/pkg/cmd"
)
