// Command sbom-scanner is the lab's stand-in for docker/buildkit-syft-scanner (Docker Hub cannot
// be reached here), written from BuildKit's SBOM generator protocol
// (moby/buildkit docs/attestations/sbom-protocol.md). BuildKit runs it in a build with
// BUILDKIT_SCAN_SOURCE (the final stage's root filesystem, read-only), optionally
// BUILDKIT_SCAN_SOURCE_EXTRAS (a folder of more root filesystems) and BUILDKIT_SCAN_DESTINATION;
// for each root filesystem it writes <name>.spdx.json there: an in-toto statement whose
// predicate is an SPDX 2.3 document listing every regular file with its SHA-1 and SHA-256.
// It finds files, not packages (syft's job); it reads nothing else and needs no network.
package main

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

type checksum struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"checksumValue"`
}

type file struct {
	Name      string     `json:"fileName"`
	ID        string     `json:"SPDXID"`
	Checksums []checksum `json:"checksums"`
}

type pkg struct {
	Name          string `json:"name"`
	ID            string `json:"SPDXID"`
	Download      string `json:"downloadLocation"`
	FilesAnalyzed bool   `json:"filesAnalyzed"`
}

type relationship struct {
	Element string `json:"spdxElementId"`
	Type    string `json:"relationshipType"`
	Related string `json:"relatedSpdxElement"`
}

type document struct {
	Version       string         `json:"spdxVersion"`
	DataLicense   string         `json:"dataLicense"`
	ID            string         `json:"SPDXID"`
	Name          string         `json:"name"`
	Namespace     string         `json:"documentNamespace"`
	CreationInfo  map[string]any `json:"creationInfo"`
	Packages      []pkg          `json:"packages"`
	Files         []file         `json:"files"`
	Relationships []relationship `json:"relationships"`
}

type statement struct {
	Type          string   `json:"_type"`
	PredicateType string   `json:"predicateType"`
	Subject       []any    `json:"subject"`
	Predicate     document `json:"predicate"`
}

func main() {
	destination := os.Getenv("BUILDKIT_SCAN_DESTINATION")
	source := os.Getenv("BUILDKIT_SCAN_SOURCE")
	if destination == "" || source == "" {
		fmt.Fprintln(os.Stderr, "sbom-scanner: BUILDKIT_SCAN_DESTINATION and BUILDKIT_SCAN_SOURCE are required (BuildKit sets them)")
		os.Exit(2)
	}
	roots := []string{source}
	if extras := os.Getenv("BUILDKIT_SCAN_SOURCE_EXTRAS"); extras != "" {
		// an unset, empty or missing extras folder means no extras (the protocol says so)
		if entries, err := os.ReadDir(extras); err == nil {
			for _, e := range entries {
				if e.IsDir() {
					roots = append(roots, filepath.Join(extras, e.Name()))
				}
			}
		}
	}
	for _, root := range roots {
		if err := scan(root, destination); err != nil {
			fmt.Fprintf(os.Stderr, "sbom-scanner: %s: %v\n", root, err)
			os.Exit(1)
		}
	}
}

// scan writes <destination>/<basename of root>.spdx.json for one root filesystem.
func scan(root, destination string) error {
	name := filepath.Base(root)
	var files []file
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		sums, err := digests(path)
		if err != nil {
			return err
		}
		files = append(files, file{Name: "./" + filepath.ToSlash(rel), Checksums: sums})
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	const rootPackage = "SPDXRef-Package-rootfs"
	relationships := []relationship{{Element: "SPDXRef-DOCUMENT", Type: "DESCRIBES", Related: rootPackage}}
	whole := sha256.New()
	for i := range files {
		files[i].ID = fmt.Sprintf("SPDXRef-File-%d", i+1)
		relationships = append(relationships, relationship{Element: rootPackage, Type: "CONTAINS", Related: files[i].ID})
		fmt.Fprintf(whole, "%s\x00%s\x00", files[i].Name, files[i].Checksums[1].Value)
	}
	doc := document{
		Version:     "SPDX-2.3",
		DataLicense: "CC0-1.0",
		ID:          "SPDXRef-DOCUMENT",
		Name:        name,
		Namespace:   "https://todo-deploy.dev/lab/sbom-scanner/" + name + "-" + hex.EncodeToString(whole.Sum(nil))[:16],
		CreationInfo: map[string]any{
			"created":  time.Now().UTC().Format(time.RFC3339),
			"creators": []string{"Tool: todo-deploy-lab-sbom-scanner (a stand-in for docker/buildkit-syft-scanner)"},
		},
		Packages:      []pkg{{Name: name, ID: rootPackage, Download: "NOASSERTION", FilesAnalyzed: false}},
		Files:         files,
		Relationships: relationships,
	}
	if doc.Files == nil {
		doc.Files = []file{}
	}
	body, err := json.Marshal(statement{
		Type:          "https://in-toto.io/Statement/v0.1",
		PredicateType: "https://spdx.dev/Document",
		Subject:       []any{},
		Predicate:     doc,
	})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(destination, name+".spdx.json"), body, 0o644)
}

// digests returns a file's SHA-1 (which SPDX 2.3 requires of a file) and SHA-256.
func digests(path string) ([]checksum, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s1, s256 := sha1.New(), sha256.New()
	if _, err := io.Copy(io.MultiWriter(s1, s256), f); err != nil {
		return nil, err
	}
	return []checksum{
		{Algorithm: "SHA1", Value: hex.EncodeToString(s1.Sum(nil))},
		{Algorithm: "SHA256", Value: hex.EncodeToString(s256.Sum(nil))},
	}, nil
}
