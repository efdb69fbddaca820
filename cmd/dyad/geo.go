package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/geo"
)

// defaultPlaces is the place finder `dyad code` uses: the embedded
// gazetteer, read on first use.
func defaultPlaces() coder.PlaceFinder { return geo.Embedded() }

// runGeo runs `dyad geo lookup NAME [--country ISO3]`.
func runGeo(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || isHelp(args[0]) || args[0] == "help" {
		geoUsage(env.stderr)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "lookup":
		return runGeoLookup(env, args[1:])
	}
	geoUsage(env.stderr)
	return usagef("geo: unknown subcommand %q (want lookup)", args[0])
}

func geoUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: dyad geo <subcommand> [flags]

  lookup NAME [--country ISO3] [--all]  the places of the gazetteer named NAME, most populous first
`)
}

func runGeoLookup(env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("geo lookup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	country := fs.String("country", "", "only places in this country (ISO 3166-1 alpha-3, e.g. UKR)")
	all := fs.Bool("all", false, "print every match (default: the first 20)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("geo lookup: want a NAME")
	}
	name := strings.Join(pos, " ")
	cc := strings.ToUpper(strings.TrimSpace(*country))
	if cc != "" && len(cc) != 3 {
		return usagef("geo lookup: --country %q: want an ISO 3166-1 alpha-3 code", *country)
	}
	g := geo.Embedded()
	if err := g.Err(); err != nil {
		return fmt.Errorf("geo lookup: %w", err)
	}
	var hits []geo.Hit
	for _, h := range g.Lookup(name) {
		if cc == "" || h.Country == cc {
			hits = append(hits, h)
		}
	}
	in := ""
	if cc != "" {
		in = " in " + cc
	}
	if len(hits) == 0 {
		fmt.Fprintf(env.stdout, "%q%s: no match\n", name, in)
		return &reportedError{fmt.Errorf("geo lookup: %q%s: no match", name, in)}
	}
	fmt.Fprintf(env.stdout, "%q%s: %d match(es), most populous first\n", name, in, len(hits))
	for i, h := range hits {
		if i == 20 && !*all {
			fmt.Fprintf(env.stdout, "... %d more (--all prints them)\n", len(hits)-i)
			break
		}
		p := g.PlaceOf(h.Entry)
		how := "alternate name"
		if h.Primary {
			how = "name"
		}
		fmt.Fprintf(env.stdout, "%-24s %s  %-7s %-28s pop %-10d %9.4f %9.4f", p.Name, p.Country, p.Precision, p.Admin1, h.Population, p.Lat, p.Lon)
		if p.GeoNameID != 0 {
			fmt.Fprintf(env.stdout, "  geonames %d", p.GeoNameID)
		}
		if h.Feature != "" {
			fmt.Fprintf(env.stdout, "  %s", h.Feature)
		}
		fmt.Fprintf(env.stdout, "  (%s)\n", how)
	}
	return nil
}
