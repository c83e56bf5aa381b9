// The shared base image; itSources is set in the plugin's POM (invoker scriptVariables).
evaluate(new File(itSources, 'base-image.groovy'))
