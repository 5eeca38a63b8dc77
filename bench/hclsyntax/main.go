// Times HashiCorp's own HCL parser, hclsyntax.ParseConfig, over the .tf files below the
// folders given: the native anchor that `npm run bench` compares our parser and our whole CLI
// with. Files are read into memory first; only parsing is timed. Prints one line of JSON:
// files, bytes, passes, the best pass's seconds and MB/s, and files with errors.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

type source struct {
	name string
	text []byte
}

func main() {
	passes := 5
	var dirs []string
	for _, a := range os.Args[1:] {
		if n, err := strconv.Atoi(strings.TrimPrefix(a, "--passes=")); err == nil && strings.HasPrefix(a, "--passes=") {
			passes = n
			continue
		}
		dirs = append(dirs, a)
	}
	var files []source
	total := 0
	for _, d := range dirs {
		err := filepath.Walk(d, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || !strings.HasSuffix(p, ".tf") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, source{p, b})
			total += len(b)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	best := time.Duration(0)
	failures := 0
	for i := 0; i < passes; i++ {
		failures = 0
		start := time.Now()
		for _, f := range files {
			_, diags := hclsyntax.ParseConfig(f.text, f.name, hcl.Pos{Line: 1, Column: 1, Byte: 0})
			if diags.HasErrors() {
				failures++
			}
		}
		if took := time.Since(start); best == 0 || took < best {
			best = took
		}
	}
	secs := best.Seconds()
	out, _ := json.Marshal(map[string]interface{}{
		"files":    len(files),
		"bytes":    total,
		"passes":   passes,
		"seconds":  secs,
		"mbPerSec": float64(total) / 1e6 / secs,
		"failures": failures,
	})
	fmt.Println(string(out))
}
